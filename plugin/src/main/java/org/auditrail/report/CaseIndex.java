package org.auditrail.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The cases started in a month, with their trace ids, business keys and how they ended: the report's appendix. */
final class CaseIndex implements Consumer<JsonNode> {

  record Case(String traceId, String businessKey, String processDefinitionKey, Instant started, Instant ended,
      String state) {}

  static final List<String> EVENT_TYPES = List.of("process_started", "process_completed", "process_cancelled");

  private final Map<String, Case> cases = new LinkedHashMap<>();

  @Override
  public void accept(JsonNode event) {
    JsonNode context = event.path("context");
    String trace = event.path("trace_id").asText();
    if (!trace.equals(context.path("process_instance_id").asText())) {
      return;
    }
    Instant at = Instant.parse(event.path("timestamp").asText());
    switch (event.path("event_type").asText()) {
      case "process_started" -> cases.put(trace, new Case(trace, context.path("business_key").asText(null),
          context.path("process_definition_key").asText(), at, null, "running"));
      case "process_completed", "process_cancelled" -> cases.computeIfPresent(trace, (id, started) -> new Case(id,
          started.businessKey(), started.processDefinitionKey(), started.started(), at,
          event.path("event_type").asText().equals("process_completed") ? "completed" : "cancelled"));
      default -> { }
    }
  }

  List<Case> cases() {
    return new ArrayList<>(cases.values());
  }
}
