package org.auditrail.narrative;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.auditrail.ai.ResponderRule;
import org.auditrail.event.EventJson;

/**
 * The offline responder's case narrative: deterministic sentences from the events in the prompt, each citing the
 * event whose values it states, so that it passes the {@link CitationCheck}; and the risk tags the events show
 * (a sanctions hit, a PEP, a reviewer's override, a failed model call) when they are in the vocabulary.
 */
public final class NarrativeRule implements ResponderRule {

  static final String OPENING = "You write a plain-language account of one case of an audited business process";
  static final String EVENTS_START = "<<<CASE EVENTS";
  static final String EVENTS_END = "CASE EVENTS>>>";

  @Override
  public Optional<AiMessage> respond(ChatRequest request) {
    for (ChatMessage message : request.messages()) {
      if (message instanceof UserMessage user && user.hasSingleText() && user.singleText().startsWith(OPENING)) {
        return Optional.of(AiMessage.from(narrate(user.singleText())));
      }
    }
    return Optional.empty();
  }

  private static String narrate(String prompt) {
    ObjectNode answer = EventJson.mapper().createObjectNode();
    ArrayNode sentences = answer.putArray("sentences");
    Set<String> tags = new LinkedHashSet<>();
    for (JsonNode event : events(prompt)) {
      String id = event.path("event_id").asText();
      String text = sentence(event, tags);
      if (text != null) {
        sentences.addObject().put("text", text).putArray("citations").add(id);
      }
    }
    Set<String> allowed = allowedTags(prompt);
    ArrayNode riskTags = answer.putArray("risk_tags");
    tags.stream().filter(allowed::contains).forEach(riskTags::add);
    return answer.toString();
  }

  /** One sentence stating only values of the event; null for events a narrative leaves out. */
  private static String sentence(JsonNode event, Set<String> tags) {
    JsonNode metadata = event.path("metadata");
    JsonNode output = event.path("output");
    String actor = event.path("actor").path("id").asText();
    String day = event.path("timestamp").asText().length() >= 10 ? event.path("timestamp").asText().substring(0, 10)
        : "";
    String activity = event.path("context").path("activity_id").asText();
    if (CaseNarratives.PURPOSE.equals(event.path("context").path("process_definition_key").asText())) {
      return null;
    }
    return switch (event.path("event_type").asText()) {
      case "process_started" -> "The case was started by " + actor + " on " + day + ".";
      case "model_call" -> {
        String model = metadata.path("gen_ai.response.model").asText(metadata.path("gen_ai.request.model").asText());
        String prompt = metadata.path("auditrail.prompt.id").asText();
        String version = metadata.path("auditrail.prompt.version").asText();
        if ("error".equals(event.path("outcome").asText())) {
          tags.add("model-error");
          yield "A call to the model " + model + " at " + activity + " failed on " + day + ".";
        }
        yield at(activity, "the AI model " + model + " was called with the prompt " + prompt + "@" + version
            + " on " + day + ".");
      }
      case "decision" -> {
        JsonNode value = output.path("value");
        if (!value.isObject()) {
          yield null;
        }
        List<String> parts = new ArrayList<>();
        value.fields().forEachRemaining(field -> {
          JsonNode v = field.getValue();
          if (v.isNumber() || v.isBoolean() || (v.isTextual() && v.asText().matches("[A-Za-z0-9._-]{1,30}"))) {
            parts.add(field.getKey() + " " + v.asText());
          }
          if (field.getKey().toLowerCase(java.util.Locale.ROOT).contains("sanction") && v.asBoolean(false)) {
            tags.add("sanctions-hit");
          }
          if (field.getKey().toLowerCase(java.util.Locale.ROOT).contains("pep") && v.asBoolean(false)) {
            tags.add("pep");
          }
        });
        yield parts.isEmpty() ? null : at(activity, "the AI proposed " + String.join(", ", parts) + ".");
      }
      case "human_review" -> {
        String action = output.path("action").asText();
        if (action.equals("edit") || action.equals("reject") || action.equals("escalate")) {
          tags.add("manual-override");
        }
        yield at(activity, "the reviewer " + actor + " chose " + action + " on the AI draft on " + day + ".");
      }
      case "incident_created" -> "An incident was raised at " + activity + " on " + day + ".";
      case "process_completed" -> "The case was completed on " + day + ".";
      default -> null;
    };
  }

  /** "At reviewKyc the ..." where the event names its activity, else "The ...". */
  private static String at(String activity, String rest) {
    return activity.isBlank() ? Character.toUpperCase(rest.charAt(0)) + rest.substring(1)
        : "At " + activity + " " + rest;
  }

  private static List<JsonNode> events(String prompt) {
    List<JsonNode> events = new ArrayList<>();
    boolean inside = false;
    for (String line : prompt.lines().toList()) {
      if (line.equals(EVENTS_START)) {
        inside = true;
      } else if (line.equals(EVENTS_END)) {
        inside = false;
      } else if (inside && !line.isBlank()) {
        try {
          events.add(EventJson.mapper().readTree(line));
        } catch (JsonProcessingException e) {
          // Not an event line: the rule narrates only what it can read.
        }
      }
    }
    return events;
  }

  private static Set<String> allowedTags(String prompt) {
    for (String line : prompt.lines().toList()) {
      int at = line.indexOf("only from this list: ");
      if (at >= 0) {
        String list = line.substring(at + "only from this list: ".length());
        int end = list.indexOf(". ");
        return Set.of((end < 0 ? list : list.substring(0, end)).split(",\\s*"));
      }
    }
    return Set.of();
  }
}
