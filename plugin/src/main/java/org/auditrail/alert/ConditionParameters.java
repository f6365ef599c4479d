package org.auditrail.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;
import org.auditrail.event.EventJson;

/**
 * The parameters each condition takes (docs/alerts.md), checked and with their defaults filled in, so that the
 * stored rule says exactly what it watches for. A bad one is refused naming it ({@code parameters.share}).
 */
final class ConditionParameters {

  static final String THRESHOLD = "threshold";
  static final String WINDOW = "window";
  static final String SHARE = "share";
  static final String MIN_EVENTS = "min_events";
  static final String FIELD = "field";
  static final String VALUES = "values";
  static final String AT_LEAST = "at_least";
  static final String PROCESS_DEFINITION_KEY = "process_definition_key";
  static final String APPROVED_SNAPSHOTS = "approved_snapshots";
  static final String FOR = "for";
  static final int DEFAULT_THRESHOLD = 1;
  static final Duration DEFAULT_WINDOW = Duration.ofHours(1);
  static final Duration DEFAULT_FOR = Duration.ofMinutes(5);
  static final Duration LONGEST_WINDOW = Duration.ofDays(31);
  static final int DEFAULT_MIN_EVENTS = 10;
  static final String DEFAULT_FIELD = "riskLevel";
  static final String DEFAULT_VALUE = "high";
  private static final int MAX_LIST = 100;
  private static final int MAX_TEXT = 200;
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  private ConditionParameters() {}

  static ObjectNode parse(AlertCondition condition, JsonNode node) {
    if (node.isMissingNode() || node.isNull()) {
      node = EventJson.mapper().createObjectNode();
    }
    if (!node.isObject()) {
      throw new InvalidRuleException("parameters", "parameters is an object such as {\"threshold\": 3,"
          + " \"window\": \"PT10M\"}");
    }
    List<String> known = known(condition);
    for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
      String field = names.next();
      if (!known.contains(field)) {
        throw new InvalidRuleException("parameters." + field, "unknown parameter " + field + "; "
            + condition.wireName() + " takes " + (known.isEmpty() ? "none" : String.join(", ", known)));
      }
    }
    ObjectNode parameters = EventJson.mapper().createObjectNode();
    switch (condition) {
      case SIGNING_OR_ANCHOR_FAILURE -> { }
      case SEALING_DEGRADED -> parameters.put(FOR, duration(node.path(FOR), FOR, DEFAULT_FOR, Duration.ZERO));
      case OVERRIDE_RATE -> {
        if (node.path(SHARE).isMissingNode()) {
          throw new InvalidRuleException("parameters.share", "share is required: a number above 0 and at most 1,"
              + " such as 0.3");
        }
        share(node, parameters);
      }
      case HIGH_RISK_AI_DECISIONS -> {
        if (node.has(SHARE) && node.has(THRESHOLD)) {
          throw new InvalidRuleException("parameters.share", "give either share or threshold, not both");
        }
        if (node.has(SHARE)) {
          share(node, parameters);
        } else {
          parameters.put(THRESHOLD, threshold(node.path(THRESHOLD)));
        }
        highRisk(node, parameters);
      }
      case UNAPPROVED_CONFIGURATION_CHANGE -> {
        parameters.put(THRESHOLD, threshold(node.path(THRESHOLD)));
        parameters.set(APPROVED_SNAPSHOTS, approvedSnapshots(node.path(APPROVED_SNAPSHOTS)));
      }
      default -> parameters.put(THRESHOLD, threshold(node.path(THRESHOLD)));
    }
    if (!condition.isSealingState()) {
      parameters.put(WINDOW, duration(node.path(WINDOW), WINDOW, DEFAULT_WINDOW, Duration.ofSeconds(1)));
    }
    return parameters;
  }

  private static List<String> known(AlertCondition condition) {
    return switch (condition) {
      case SIGNING_OR_ANCHOR_FAILURE -> List.of();
      case SEALING_DEGRADED -> List.of(FOR);
      case OVERRIDE_RATE -> List.of(SHARE, MIN_EVENTS, WINDOW);
      case HIGH_RISK_AI_DECISIONS -> List.of(THRESHOLD, SHARE, MIN_EVENTS, WINDOW, FIELD, VALUES, AT_LEAST,
          PROCESS_DEFINITION_KEY);
      case UNAPPROVED_CONFIGURATION_CHANGE -> List.of(THRESHOLD, WINDOW, APPROVED_SNAPSHOTS);
      default -> List.of(THRESHOLD, WINDOW);
    };
  }

  private static int threshold(JsonNode threshold) {
    if (threshold.isMissingNode()) {
      return DEFAULT_THRESHOLD;
    }
    if (!threshold.canConvertToInt() || !threshold.isIntegralNumber() || threshold.asInt() < 1) {
      throw new InvalidRuleException("parameters.threshold", "threshold must be a whole number of at least 1, but"
          + " was " + threshold);
    }
    return threshold.asInt();
  }

  private static void share(JsonNode node, ObjectNode parameters) {
    JsonNode share = node.path(SHARE);
    if (!share.isNumber() || share.asDouble() <= 0 || share.asDouble() > 1) {
      throw new InvalidRuleException("parameters.share", "share must be a number above 0 and at most 1, such as"
          + " 0.3, but was " + share);
    }
    parameters.put(SHARE, share.asDouble());
    JsonNode minEvents = node.path(MIN_EVENTS);
    if (minEvents.isMissingNode()) {
      parameters.put(MIN_EVENTS, DEFAULT_MIN_EVENTS);
    } else if (!minEvents.isIntegralNumber() || !minEvents.canConvertToInt() || minEvents.asInt() < 1) {
      throw new InvalidRuleException("parameters.min_events", "min_events must be a whole number of at least 1,"
          + " but was " + minEvents);
    } else {
      parameters.put(MIN_EVENTS, minEvents.asInt());
    }
  }

  private static void highRisk(JsonNode node, ObjectNode parameters) {
    JsonNode field = node.path(FIELD);
    if (!field.isMissingNode() && (!field.isTextual() || field.asText().isBlank()
        || field.asText().length() > MAX_TEXT)) {
      throw new InvalidRuleException("parameters.field", "field must be the name of a declared output field such"
          + " as \"riskLevel\", but was " + field);
    }
    parameters.put(FIELD, field.isMissingNode() ? DEFAULT_FIELD : field.asText());
    if (node.has(VALUES) && node.has(AT_LEAST)) {
      throw new InvalidRuleException("parameters.at_least", "give either values or at_least, not both");
    }
    JsonNode atLeast = node.path(AT_LEAST);
    if (!atLeast.isMissingNode()) {
      if (!atLeast.isNumber()) {
        throw new InvalidRuleException("parameters.at_least", "at_least must be a number such as 70, but was "
            + atLeast);
      }
      parameters.set(AT_LEAST, atLeast);
    } else {
      parameters.set(VALUES, node.has(VALUES) ? texts(node.path(VALUES), VALUES, "values must be a list of 1 to "
          + MAX_LIST + " texts such as [\"high\"]", null) : EventJson.mapper().createArrayNode().add(DEFAULT_VALUE));
    }
    JsonNode key = node.path(PROCESS_DEFINITION_KEY);
    if (!key.isMissingNode()) {
      if (!key.isTextual() || key.asText().isBlank() || key.asText().length() > MAX_TEXT) {
        throw new InvalidRuleException("parameters.process_definition_key", "process_definition_key must be a"
            + " process definition key such as \"kycCheck\", but was " + key);
      }
      parameters.put(PROCESS_DEFINITION_KEY, key.asText());
    }
  }

  private static ArrayNode approvedSnapshots(JsonNode node) {
    if (node.isMissingNode()) {
      return EventJson.mapper().createArrayNode();
    }
    return texts(node, APPROVED_SNAPSHOTS, "approved_snapshots must be a list of up to " + MAX_LIST
        + " snapshot_sha256 values", SHA256);
  }

  /** A list of texts, each checked against the pattern when there is one (then the list may be empty). */
  private static ArrayNode texts(JsonNode node, String name, String what, Pattern pattern) {
    ArrayNode texts = EventJson.mapper().createArrayNode();
    if (!node.isArray() || node.size() > MAX_LIST || (pattern == null && node.isEmpty())) {
      throw new InvalidRuleException("parameters." + name, what + ", but was " + node);
    }
    for (int i = 0; i < node.size(); i++) {
      JsonNode text = node.get(i);
      boolean valid = text.isTextual() && !text.asText().isEmpty() && text.asText().length() <= MAX_TEXT
          && (pattern == null || pattern.matcher(text.asText()).matches());
      if (!valid) {
        throw new InvalidRuleException("parameters." + name + "[" + i + "]", (pattern == null ? "a value must be"
            + " a text of 1 to " + MAX_TEXT + " characters" : "a snapshot_sha256 is 64 lowercase hex digits")
            + ", but was " + text);
      }
      texts.add(text.asText());
    }
    return texts;
  }

  private static String duration(JsonNode node, String name, Duration fallback, Duration shortest) {
    if (node.isMissingNode()) {
      return fallback.toString();
    }
    Duration duration;
    try {
      duration = node.isTextual() ? Duration.parse(node.asText()) : null;
    } catch (DateTimeParseException e) {
      duration = null;
    }
    if (duration == null || duration.compareTo(shortest) < 0 || duration.compareTo(LONGEST_WINDOW) > 0) {
      throw new InvalidRuleException("parameters." + name, name + " must be an ISO-8601 duration from " + shortest
          + " to P31D such as \"PT10M\", but was " + node);
    }
    return duration.toString();
  }
}
