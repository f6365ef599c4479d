package org.auditrail.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.auditrail.event.EventJson;

/**
 * A rule as compliance writes it: {@code {"name", "condition", "parameters", "channels"}} (docs/alerts.md). Made
 * only by {@link #parse}, which refuses a rule naming the field at fault, so a stored rule is always one that can
 * fire.
 *
 * @param parameters the condition's parameters ({@link ConditionParameters}), defaults filled in
 */
public record RuleDefinition(String name, AlertCondition conditionType, ObjectNode parameters,
    List<AlertChannel> channels) {

  static final int MAX_NAME = 200;
  static final int MAX_CHANNELS = 10;
  private static final Set<String> FIELDS = Set.of("name", "condition", "parameters", "channels");
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
    return parameters.path(ConditionParameters.THRESHOLD).asInt(ConditionParameters.DEFAULT_THRESHOLD);
  }

  /** How far back occurrences count, by the events' own time. */
  public Duration window() {
    return Duration.parse(parameters.path(ConditionParameters.WINDOW)
        .asText(ConditionParameters.DEFAULT_WINDOW.toString()));
  }

  /** In share mode, the share of the events considered that raises an alert. */
  Optional<Double> share() {
    JsonNode share = parameters.path(ConditionParameters.SHARE);
    return share.isNumber() ? Optional.of(share.asDouble()) : Optional.empty();
  }

  /** In share mode, how many events must be considered within the window before a share counts. */
  int minEvents() {
    return parameters.path(ConditionParameters.MIN_EVENTS).asInt(ConditionParameters.DEFAULT_MIN_EVENTS);
  }

  /** For {@code sealing_degraded}: how long the state must last before it raises an alert. */
  Duration degradedFor() {
    return Duration.parse(parameters.path(ConditionParameters.FOR)
        .asText(ConditionParameters.DEFAULT_FOR.toString()));
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
    return new RuleDefinition(name, condition, ConditionParameters.parse(condition,
        body.path("parameters")), channels(body.path("channels")));
  }

  private static AlertCondition condition(JsonNode node) {
    String available = Arrays.stream(AlertCondition.values()).map(AlertCondition::wireName)
        .collect(Collectors.joining(", "));
    if (!node.isTextual()) {
      throw new InvalidRuleException("condition", "condition is required, one of: " + available);
    }
    return AlertCondition.fromWireName(node.asText()).orElseThrow(() -> new InvalidRuleException("condition",
        "unknown condition " + node.asText() + "; available: " + available));
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
