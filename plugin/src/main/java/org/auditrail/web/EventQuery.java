package org.auditrail.web;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.auditrail.event.EventType;
import org.auditrail.trail.EventFilter;

/** Reads an events query's parameters into an {@link EventFilter}, refusing unknown names and bad values by name. */
final class EventQuery {

  static final Set<String> PARAMETERS =
      Set.of("businessKey", "processInstanceId", "eventType", "actorId", "from", "to", "page", "size");

  private EventQuery() {}

  static EventFilter parse(Map<String, String[]> parameters, int maxPageSize) {
    QueryParameters.requireKnown(parameters, PARAMETERS, "the events query");
    Instant from = QueryParameters.instant(parameters, "from");
    Instant to = QueryParameters.instant(parameters, "to");
    QueryParameters.requireOrder(from, to);
    return new EventFilter(QueryParameters.text(parameters, "businessKey"),
        QueryParameters.text(parameters, "processInstanceId"), eventType(parameters),
        QueryParameters.text(parameters, "actorId"), from, to,
        QueryParameters.number(parameters, "page", 0, 0, Integer.MAX_VALUE),
        QueryParameters.number(parameters, "size", Math.min(EventFilter.DEFAULT_PAGE_SIZE, maxPageSize), 1,
            maxPageSize));
  }

  static EventType eventType(Map<String, String[]> parameters) {
    String value = QueryParameters.text(parameters, "eventType");
    if (value == null) {
      return null;
    }
    return EventType.fromWireName(value).orElseThrow(() -> ApiProblemException.invalidParameter("eventType",
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
