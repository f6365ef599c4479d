package org.auditrail.trail;

import java.time.Instant;
import java.time.format.DateTimeParseException;
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
    for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
      if (!PARAMETERS.contains(parameter.getKey())) {
        throw new InvalidFilterException(parameter.getKey(), "unknown parameter '" + parameter.getKey()
            + "'; the events query accepts " + new TreeSet<>(PARAMETERS));
      }
      if (parameter.getValue().length > 1) {
        throw new InvalidFilterException(parameter.getKey(), "parameter '" + parameter.getKey()
            + "' was given " + parameter.getValue().length + " times; give it once");
      }
    }
    Instant from = instant(parameters, "from");
    Instant to = instant(parameters, "to");
    if (from != null && to != null && !from.isBefore(to)) {
      throw new InvalidFilterException("to", "'to' must be after 'from', but " + to + " is not after " + from);
    }
    return new EventFilter(text(parameters, "businessKey"), text(parameters, "processInstanceId"),
        eventType(parameters), text(parameters, "actorId"), from, to,
        number(parameters, "page", 0, 0, Integer.MAX_VALUE),
        number(parameters, "size", Math.min(DEFAULT_PAGE_SIZE, maxPageSize), 1, maxPageSize));
  }

  private static String text(Map<String, String[]> parameters, String name) {
    String[] values = parameters.get(name);
    if (values == null) {
      return null;
    }
    if (values[0].isBlank()) {
      throw new InvalidFilterException(name, "parameter '" + name + "' is empty; leave it out or give a value");
    }
    return values[0];
  }

  private static EventType eventType(Map<String, String[]> parameters) {
    String value = text(parameters, "eventType");
    if (value == null) {
      return null;
    }
    return EventType.fromWireName(value).orElseThrow(() -> new InvalidFilterException("eventType",
        "unknown eventType '" + value + "'; known event types are " + knownEventTypes()));
  }

  private static Instant instant(Map<String, String[]> parameters, String name) {
    String value = text(parameters, name);
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new InvalidFilterException(name, "'" + name + "' must be an ISO-8601 UTC instant such as"
          + " 2026-01-12T00:00:00Z, but was: " + value);
    }
  }

  private static int number(Map<String, String[]> parameters, String name, int fallback, int min, int max) {
    String value = text(parameters, name);
    if (value == null) {
      return fallback;
    }
    try {
      int number = Integer.parseInt(value);
      if (number < min || number > max) {
        throw new InvalidFilterException(name, "'" + name + "' must be between " + min + " and " + max
            + ", but was: " + value);
      }
      return number;
    } catch (NumberFormatException e) {
      throw new InvalidFilterException(name, "'" + name + "' must be a whole number, but was: " + value);
    }
  }

  private static Set<String> knownEventTypes() {
    Set<String> names = new TreeSet<>();
    for (EventType type : EventType.values()) {
      names.add(type.wireName());
    }
    return names;
  }
}
