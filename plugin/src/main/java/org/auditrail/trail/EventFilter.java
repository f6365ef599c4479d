package org.auditrail.trail;

import java.time.Instant;
import org.auditrail.event.EventType;

/**
 * The filters of an events query: all optional, combined with AND; {@code from} inclusive, {@code to} exclusive.
 */
public record EventFilter(String businessKey, String processInstanceId, EventType eventType, String actorId,
    Instant from, Instant to, int page, int size) {

  public static final int DEFAULT_PAGE_SIZE = 50;

  /** This filter for another business key, such as the token events carry for a personal one. */
  public EventFilter withBusinessKey(String key) {
    return new EventFilter(key, processInstanceId, eventType, actorId, from, to, page, size);
  }
}
