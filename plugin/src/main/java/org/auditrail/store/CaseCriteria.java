package org.auditrail.store;

import java.time.Instant;
import org.auditrail.event.EventType;

/**
 * Which cases a case search finds: every criterion is optional (null) and all must hold. A case holds a criterion
 * when one of its events within the time range ({@code from} inclusive, {@code to} exclusive) meets it; the events
 * need not be the same one, so that "the model X" and "reviewed by mary" find the cases where both happened.
 *
 * @param businessKey the business key as events carry it (the vault's index of a personal key)
 * @param modelId the model's id as recorded in an AI event's snapshot, or the model the call asked for
 * @param promptVersion the prompt version an AI event names
 */
public record CaseCriteria(String businessKey, String processDefinitionKey, Instant from, Instant to,
    EventType eventType, String actorId, String modelId, String promptVersion) {

  /** Every case. */
  public static CaseCriteria any() {
    return new CaseCriteria(null, null, null, null, null, null, null, null);
  }
}
