package org.auditrail.web;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Reads the query parameters of the audit API, refusing unknown names and malformed values with their name. */
final class QueryParameters {

  private QueryParameters() {}

  static void requireKnown(Map<String, String[]> parameters, Set<String> known, String query) {
    for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
      if (!known.contains(parameter.getKey())) {
        throw ApiProblemException.invalidParameter(parameter.getKey(), "unknown parameter '" + parameter.getKey()
            + "'; " + query + " accepts " + new TreeSet<>(known));
      }
      if (parameter.getValue().length > 1) {
        throw ApiProblemException.invalidParameter(parameter.getKey(), "parameter '" + parameter.getKey()
            + "' was given " + parameter.getValue().length + " times; give it once");
      }
    }
  }

  static void requireOrder(Instant from, Instant to) {
    if (from != null && to != null && !from.isBefore(to)) {
      throw ApiProblemException.invalidParameter("to", "'to' must be after 'from', but " + to + " is not after " + from);
    }
  }

  static String text(Map<String, String[]> parameters, String name) {
    String[] values = parameters.get(name);
    if (values == null) {
      return null;
    }
    if (values[0].isBlank()) {
      throw ApiProblemException.invalidParameter(name, "parameter '" + name + "' is empty; leave it out or give a value");
    }
    return values[0];
  }

  static Instant instant(Map<String, String[]> parameters, String name) {
    String value = text(parameters, name);
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw ApiProblemException.invalidParameter(name, "'" + name + "' must be an ISO-8601 UTC instant such as"
          + " 2026-01-12T00:00:00Z, but was: " + value);
    }
  }

  static int number(Map<String, String[]> parameters, String name, int fallback, int min, int max) {
    String value = text(parameters, name);
    if (value == null) {
      return fallback;
    }
    try {
      int number = Integer.parseInt(value);
      if (number < min || number > max) {
        throw ApiProblemException.invalidParameter(name, "'" + name + "' must be between " + min + " and " + max
            + ", but was: " + value);
      }
      return number;
    } catch (NumberFormatException e) {
      throw ApiProblemException.invalidParameter(name, "'" + name + "' must be a whole number, but was: " + value);
    }
  }

}
