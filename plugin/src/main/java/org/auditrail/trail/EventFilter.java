package org.auditrail.trail;

import java.time.Instant;
import org.auditrail.event.EventType;

/**
 * The filters of an events query: all optional, combined with AND; {@code from} inclusive, {@code to} exclusive.
 */
public record EventFilter(String businessKey, String processInstanceId, EventType eventType, String actorId,
    Instant from, Instant to, int page, int size) {

  public static final int DEFAULT_PAGE_SIZE = 50;
}
