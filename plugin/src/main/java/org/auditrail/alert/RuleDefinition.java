package org.auditrail.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.auditrail.event.EventJson;

/**
 * A rule as compliance writes it: {@code {"name", "condition", "parameters", "channels"}} (docs/alerts.md). Made
 * only by {@link #parse}, which refuses a rule naming the field at fault, so a stored rule is always one that can
 * fire.
 *
 * @param parameters {@code threshold} and {@code window}, defaults filled in
 */
public record RuleDefinition(String name, AlertCondition conditionType, ObjectNode parameters,
    List<AlertChannel> channels) {

  public static final String THRESHOLD = "threshold";
  public static final String WINDOW = "window";
  static final int DEFAULT_THRESHOLD = 1;
  static final Duration DEFAULT_WINDOW = Duration.ofHours(1);
  static final Duration LONGEST_WINDOW = Duration.ofDays(31);
  static final int MAX_NAME = 200;
  static final int MAX_CHANNELS = 10;
  private static final Set<String> FIELDS = Set.of("name", "condition", "parameters", "channels");
  /** Conditions the issue names that this version cannot evaluate yet: refused rather than stored never to fire. */
  private static final Set<String> NOT_YET = Set.of("high_risk_ai_decisions", "override_rate",
      "unapproved_configuration_change", "signing_or_anchor_failure", "sealing_degraded");
  /** One address, no display name: what an SMTP server takes as a recipient. */
  private static final Pattern ADDRESS = Pattern.compile("[^@\\s<>(),;:\"\\[\\]]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");

  public RuleDefinition {
    channels = List.copyOf(channels);
    parameters = parameters.deepCopy();
  }

  public String condition() {
    return conditionType.wireName();
  }

  /** How many occurrences within the window raise an alert. */
  public int threshold() {
    return parameters.path(THRESHOLD).asInt(DEFAULT_THRESHOLD);
  }

  /** How far back occurrences count, by the events' own time. */
  public Duration window() {
    return Duration.parse(parameters.path(WINDOW).asText(DEFAULT_WINDOW.toString()));
  }

  /** The rule as the API shows it and as rule change events record it. */
  public ObjectNode toJson() {
    ObjectNode json = EventJson.mapper().createObjectNode().put("name", name).put("condition", condition());
    json.set("parameters", parameters.deepCopy());
    json.set("channels", channelsNode());
    return json;
  }

  String parametersJson() {
    return parameters.toString();
  }

  String channelsJson() {
    return channelsNode().toString();
  }

  private ArrayNode channelsNode() {
    ArrayNode array = EventJson.mapper().createArrayNode();
    for (AlertChannel channel : channels) {
      array.addObject().put("type", channel.type())
          .put(AlertChannel.WEBHOOK.equals(channel.type()) ? "url" : "to", channel.target());
    }
    return array;
  }

  static RuleDefinition fromJson(String name, String condition, String parameters, String channels) {
    ObjectNode rule = EventJson.mapper().createObjectNode().put("name", name).put("condition", condition);
    try {
      rule.set("parameters", EventJson.mapper().readTree(parameters));
      rule.set("channels", EventJson.mapper().readTree(channels));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored alert rule is not valid JSON: " + e.getMessage(), e);
    }
    return parse(rule);
  }

  /** The rule in the body, or an {@link InvalidRuleException} naming the first field at fault. */
  public static RuleDefinition parse(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new InvalidRuleException("body", "a rule is a JSON object {\"name\", \"condition\", \"parameters\","
          + " \"channels\"}");
    }
    for (Iterator<String> names = body.fieldNames(); names.hasNext();) {
      String field = names.next();
      if (!FIELDS.contains(field)) {
        throw new InvalidRuleException(field, "unknown field " + field + "; a rule has name, condition,"
            + " parameters and channels");
      }
    }
    String name = body.path("name").isTextual() ? body.path("name").asText().strip() : "";
    if (name.isEmpty() || name.length() > MAX_NAME) {
      throw new InvalidRuleException("name", "name is required: text of 1 to " + MAX_NAME + " characters");
    }
    AlertCondition condition = condition(body.path("condition"));
    return new RuleDefinition(name, condition, parameters(body.path("parameters")), channels(body.path("channels")));
  }

  private static AlertCondition condition(JsonNode node) {
    String available = Arrays.stream(AlertCondition.values()).map(AlertCondition::wireName)
        .collect(Collectors.joining(", "));
    if (!node.isTextual()) {
      throw new InvalidRuleException("condition", "condition is required, one of: " + available);
    }
    if (NOT_YET.contains(node.asText())) {
      throw new InvalidRuleException("condition", "condition " + node.asText() + " is not available in this"
          + " version; available: " + available);
    }
    return AlertCondition.fromWireName(node.asText()).orElseThrow(() -> new InvalidRuleException("condition",
        "unknown condition " + node.asText() + "; available: " + available));
  }

  private static ObjectNode parameters(JsonNode node) {
    ObjectNode parameters = EventJson.mapper().createObjectNode();
    if (node.isMissingNode() || node.isNull()) {
      node = parameters;
    }
    if (!node.isObject()) {
      throw new InvalidRuleException("parameters", "parameters is an object such as {\"threshold\": 3,"
          + " \"window\": \"PT10M\"}");
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
      String field = names.next();
      if (!THRESHOLD.equals(field) && !WINDOW.equals(field)) {
        throw new InvalidRuleException("parameters." + field, "unknown parameter " + field + "; a condition takes"
            + " threshold and window");
      }
    }
    JsonNode threshold = node.path(THRESHOLD);
    if (threshold.isMissingNode()) {
      parameters.put(THRESHOLD, DEFAULT_THRESHOLD);
    } else if (!threshold.canConvertToInt() || !threshold.isIntegralNumber() || threshold.asInt() < 1) {
      throw new InvalidRuleException("parameters.threshold", "threshold must be a whole number of at least 1, but"
          + " was " + threshold);
    } else {
      parameters.put(THRESHOLD, threshold.asInt());
    }
    JsonNode window = node.path(WINDOW);
    if (window.isMissingNode()) {
      parameters.put(WINDOW, DEFAULT_WINDOW.toString());
    } else {
      Duration duration = null;
      try {
        duration = window.isTextual() ? Duration.parse(window.asText()) : null;
      } catch (DateTimeParseException e) {
        duration = null;
      }
      if (duration == null || duration.isNegative() || duration.isZero() || duration.compareTo(LONGEST_WINDOW) > 0) {
        throw new InvalidRuleException("parameters.window", "window must be an ISO-8601 duration from PT1S to P31D"
            + " such as \"PT10M\", but was " + window);
      }
      parameters.put(WINDOW, duration.toString());
    }
    return parameters;
  }

  private static List<AlertChannel> channels(JsonNode node) {
    if (node.isMissingNode() || node.isNull()) {
      return List.of();
    }
    if (!node.isArray() || node.size() > MAX_CHANNELS) {
      throw new InvalidRuleException("channels", "channels is a list of up to " + MAX_CHANNELS + " channels such"
          + " as {\"type\": \"webhook\", \"url\": \"https://...\"} or {\"type\": \"email\", \"to\": \"...\"}");
    }
    List<AlertChannel> channels = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      channels.add(channel(node.get(i), "channels[" + i + "]"));
    }
    return channels;
  }

  private static AlertChannel channel(JsonNode node, String at) {
    String type = node.path("type").asText("");
    String targetField = switch (type) {
      case AlertChannel.WEBHOOK -> "url";
      case AlertChannel.EMAIL -> "to";
      default -> throw new InvalidRuleException(at + ".type", "a channel's type is webhook or email, but was "
          + node.path("type"));
    };
    for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
      String field = names.next();
      if (!"type".equals(field) && !targetField.equals(field)) {
        throw new InvalidRuleException(at + "." + field, "unknown field " + field + "; a " + type + " channel has"
            + " type and " + targetField);
      }
    }
    String target = node.path(targetField).isTextual() ? node.path(targetField).asText().strip() : "";
    if (AlertChannel.WEBHOOK.equals(type) && !isWebhookUrl(target)) {
      throw new InvalidRuleException(at + ".url", "url must be an absolute http or https URL, but was "
          + node.path("url"));
    }
    if (AlertChannel.EMAIL.equals(type) && (!ADDRESS.matcher(target).matches() || target.length() > 254)) {
      throw new InvalidRuleException(at + ".to", "to must be one email address such as compliance@example.com,"
          + " but was " + node.path("to"));
    }
    return new AlertChannel(type, target);
  }

  private static boolean isWebhookUrl(String url) {
    try {
      URI uri = new URI(url);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
          && uri.getUserInfo() == null && url.length() <= 1000;
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
