package org.auditrail.event;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Who or what caused an event.
 *
 * @param type a person, the engine or an AI agent
 * @param id the user id, or the name of the system component or agent
 * @param runId the run this work belongs to: the job id for work done by the job executor, the agent run for an AI agent
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Actor(ActorType type, String id, String runId) {

  public static Actor user(String userId, String runId) {
    return new Actor(ActorType.USER, userId, runId);
  }

  public static Actor system(String component, String runId) {
    return new Actor(ActorType.SYSTEM, component, runId);
  }
}
