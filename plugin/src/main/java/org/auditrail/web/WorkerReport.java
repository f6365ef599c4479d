package org.auditrail.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.auditrail.capture.ReportedEvent;
import org.auditrail.event.EventError;
import org.auditrail.event.EventType;
import org.auditrail.event.Outcome;

/**
 * The body of a worker's report, {@code {"workerId": "...", "events": [...]}}, checked whole: every problem is
 * named with the field at fault ({@code events[1].event_type}), so that a worker fixes its report in one round.
 * A worker speaks only of the AI steps it took; what the plugin assigns (ids, trace, parent, context, actor) is not
 * accepted from it.
 */
record WorkerReport(String workerId, List<ReportedEvent> events) {

  /** What a worker may report: the AI steps of the common schema. */
  static final Set<EventType> TYPES = Set.of(EventType.MODEL_CALL, EventType.TOOL_CALL, EventType.TOOL_RESULT,
      EventType.RETRIEVAL, EventType.DECISION);

  private static final Set<String> FIELDS = Set.of("event_type", "input", "output", "metadata", "outcome", "error",
      "timestamp");

  /** A problem of the report: the field at fault and what is wrong with it. */
  record Problem(String field, String detail) {}

  /** The report, or the problems that refuse it. */
  static Parsed parse(JsonNode body, int maxEvents) {
    List<Problem> problems = new ArrayList<>();
    if (body == null || !body.isObject()) {
      return new Parsed(null, List.of(new Problem("body", "the body must be a JSON object {\"workerId\": \"...\","
          + " \"events\": [...]}")));
    }
    JsonNode workerId = body.get("workerId");
    if (workerId == null || !workerId.isTextual() || workerId.asText().isBlank()) {
      problems.add(new Problem("workerId", "must be the id the worker locked the task with"));
    }
    JsonNode events = body.get("events");
    List<ReportedEvent> parsed = new ArrayList<>();
    if (events == null || !events.isArray() || events.isEmpty()) {
      problems.add(new Problem("events", "must be a non-empty array of events"));
    } else if (events.size() > maxEvents) {
      problems.add(new Problem("events", "holds " + events.size() + " events, more than the " + maxEvents
          + " one report may carry (audit.ingest.max-events)"));
    } else {
      for (int i = 0; i < events.size(); i++) {
        event(events.get(i), "events[" + i + "]", problems).ifPresent(parsed::add);
      }
    }
    return problems.isEmpty() ? new Parsed(new WorkerReport(workerId.asText(), parsed), List.of())
        : new Parsed(null, problems);
  }

  private static Optional<ReportedEvent> event(JsonNode event, String at, List<Problem> problems) {
    if (!event.isObject()) {
      problems.add(new Problem(at, "must be an object"));
      return Optional.empty();
    }
    int before = problems.size();
    for (Iterator<String> names = event.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        problems.add(new Problem(at + "." + name, "is not a field a worker reports (the plugin assigns ids,"
            + " trace, parent, context and actor); allowed: " + FIELDS.stream().sorted().toList()));
      }
    }
    EventType type = EventType.fromWireName(event.path("event_type").asText()).filter(TYPES::contains).orElse(null);
    if (type == null) {
      problems.add(new Problem(at + ".event_type", "must be one of " + TYPES.stream().map(EventType::wireName)
          .sorted().toList() + ", but was: " + event.path("event_type")));
    }
    JsonNode metadata = event.get("metadata");
    if (metadata != null && !metadata.isObject()) {
      problems.add(new Problem(at + ".metadata", "must be an object of gen_ai.* keys"));
    } else if (metadata != null) {
      for (Iterator<Map.Entry<String, JsonNode>> fields = metadata.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (!field.getKey().startsWith("gen_ai.") && !field.getKey().equals("error.type")) {
          problems.add(new Problem(at + ".metadata." + field.getKey(), "is not a gen_ai.* key (OpenTelemetry's"
              + " GenAI semantic conventions) or error.type"));
        } else if (field.getValue().isContainerNode() && !field.getKey().endsWith("finish_reasons")) {
          problems.add(new Problem(at + ".metadata." + field.getKey(), "must be a string, number or boolean"));
        }
      }
    }
    Outcome outcome = Outcome.SUCCESS;
    if (event.has("outcome")) {
      String wire = event.get("outcome").asText();
      outcome = java.util.Arrays.stream(Outcome.values()).filter(value -> value.wireName().equals(wire))
          .findFirst().orElse(null);
      if (outcome == null || !event.get("outcome").isTextual()) {
        problems.add(new Problem(at + ".outcome", "must be one of [success, error, escalated], but was: "
            + event.get("outcome")));
      }
    }
    EventError error = null;
    JsonNode errorNode = event.get("error");
    if (errorNode != null && !errorNode.isNull()) {
      if (!errorNode.isObject() || !errorNode.path("type").isTextual() || !errorNode.path("message").isTextual()) {
        problems.add(new Problem(at + ".error", "must be {\"type\": \"...\", \"message\": \"...\"}"));
      } else {
        error = new EventError(errorNode.get("type").asText(), errorNode.get("message").asText());
      }
    }
    if (outcome == Outcome.ERROR && error == null && problems.size() == before) {
      problems.add(new Problem(at + ".error", "is required when the outcome is error"));
    }
    Instant reportedAt = null;
    if (event.has("timestamp")) {
      try {
        reportedAt = Instant.parse(event.get("timestamp").asText());
      } catch (DateTimeParseException e) {
        problems.add(new Problem(at + ".timestamp", "must be an ISO-8601 instant such as 2026-01-31T12:00:00Z,"
            + " but was: " + event.get("timestamp")));
      }
    }
    if (problems.size() > before) {
      return Optional.empty();
    }
    return Optional.of(new ReportedEvent(type, event.get("input"), event.get("output"), (ObjectNode) metadata,
        outcome, error, reportedAt));
  }

  /** Either a report or its problems. */
  record Parsed(WorkerReport report, List<Problem> problems) {}
}
