package org.auditrail.trail;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.auditrail.event.EventType;

/**
 * The filters of an events query: all optional, combined with AND; {@code from} inclusive, {@code to} exclusive.
 */
public record EventFilter(String businessKey, String processInstanceId, EventType eventType, String actorId,
    Instant from, Instant to, int page, int size) {

  public static final int DEFAULT_PAGE_SIZE = 50;
  static final Set<String> PARAMETERS =
      Set.of("businessKey", "processInstanceId", "eventType", "actorId", "from", "to", "page", "size");

  /** Reads the filter from request parameters, refusing unknown names and malformed values with their name. */
  public static EventFilter parse(Map<String, String[]> parameters, int maxPageSize) {
    QueryParameters.requireKnown(parameters, PARAMETERS, "the events query");
    Instant from = QueryParameters.instant(parameters, "from");
    Instant to = QueryParameters.instant(parameters, "to");
    QueryParameters.requireOrder(from, to);
    return new EventFilter(QueryParameters.text(parameters, "businessKey"),
        QueryParameters.text(parameters, "processInstanceId"), eventType(parameters),
        QueryParameters.text(parameters, "actorId"), from, to,
        QueryParameters.number(parameters, "page", 0, 0, Integer.MAX_VALUE),
        QueryParameters.number(parameters, "size", Math.min(DEFAULT_PAGE_SIZE, maxPageSize), 1, maxPageSize));
  }

  private static EventType eventType(Map<String, String[]> parameters) {
    String value = QueryParameters.text(parameters, "eventType");
    if (value == null) {
      return null;
    }
    return EventType.fromWireName(value).orElseThrow(() -> new InvalidFilterException("eventType",
        "unknown eventType '" + value + "'; known event types are " + knownEventTypes()));
  }

  private static Set<String> knownEventTypes() {
    Set<String> names = new TreeSet<>();
    for (EventType type : EventType.values()) {
      names.add(type.wireName());
    }
    return names;
  }
}
