package org.auditrail.capture;

import org.auditrail.event.Actor;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;

/**
 * Names the actor of the command that is running: the authenticated user of a Tasklist, Cockpit or REST request,
 * the job executor for work it picked up, or the engine itself for API calls made without a user.
 */
final class ActorResolver {

  static final String JOB_EXECUTOR = "job-executor";
  static final String PROCESS_ENGINE = "process-engine";

  private ActorResolver() {}

  static Actor current(CommandContext commandContext) {
    JobEntity job = commandContext.getCurrentJob();
    String runId = job == null ? null : job.getId();
    String userId = commandContext.getAuthenticatedUserId();
    if (userId != null) {
      return Actor.user(userId, runId);
    }
    return Actor.system(job != null ? JOB_EXECUTOR : PROCESS_ENGINE, runId);
  }
}
