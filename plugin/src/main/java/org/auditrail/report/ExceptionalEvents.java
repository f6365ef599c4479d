package org.auditrail.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.auditrail.event.OperatorAction;

/**
 * The high-risk and exceptional events of a month, by rule: rejected and escalated reviews, four-eyes violations,
 * incidents, failed model calls, manual operations (each an {@link OperatorAction}), refused access to the audit
 * API; and AI risk tags: the risk tags the model proposed in a case's latest narrative within the month (recorded,
 * checked against the configured vocabulary, in its {@code decision}). Each names its case.
 */
final class ExceptionalEvents implements Consumer<JsonNode> {

  /** At most this many are listed; the rest are counted. */
  static final int LISTED = 500;

  record Finding(Instant at, String category, String description, String traceId, String businessKey) {}

  /** The process key of narrative events ({@code org.auditrail.narrative.CaseNarratives#PURPOSE}). */
  static final String NARRATIVE = "case-narrative";

  static final List<String> EVENT_TYPES = List.of("human_review", "review_refused", "incident_created", "model_call",
      "user_operation", "audit_api_accessed", "decision");

  private final List<Finding> findings = new ArrayList<>();
  private final Map<String, Integer> byCategory = new TreeMap<>();
  private int unlisted;
  private int auditApiAccesses;
  private final Set<String> operations = new HashSet<>();
  /** The latest narrative of each case (by trace), whose risk tags become findings once the scan is done. */
  private final Map<String, JsonNode> narratives = new LinkedHashMap<>();
  private boolean narrativesCounted;

  @Override
  public void accept(JsonNode event) {
    JsonNode output = event.path("output");
    String actor = event.path("actor").path("id").asText();
    String activity = event.path("context").path("activity_id").asText();
    switch (event.path("event_type").asText()) {
      case "human_review" -> {
        String action = output.path("action").asText();
        if (action.equals("reject") || action.equals("escalate")) {
          add(event, "Review " + action + "ed", actor + " " + action + "ed the AI draft at " + activity + ": "
              + output.path("reason").asText());
        }
      }
      case "review_refused" -> add(event, "four_eyes".equals(output.path("refused").asText())
          ? "Four-eyes violation" : "Review refused", output.path("message").asText());
      case "incident_created" -> add(event, "Incident", "at " + activity + ": "
          + event.path("error").path("message").asText(event.path("error").path("type").asText()));
      case "model_call" -> {
        if ("error".equals(event.path("outcome").asText())) {
          add(event, "Model error", event.path("error").path("type").asText() + " calling "
              + event.path("metadata").path("gen_ai.request.model").asText() + " at " + activity);
        }
      }
      // Only operator actions: a case started or a variable set through the REST API is work, not an exception.
      case "user_operation" -> OperatorAction.of(event).filter(action -> firstOfItsOperation(output))
          .ifPresent(action -> add(event, "Manual operation", actor + ": " + action.description() + " ("
              + output.path("operation_type").asText() + " " + output.path("entity_type").asText() + ")"));
      case "audit_api_accessed" -> {
        auditApiAccesses++;
        if ("error".equals(event.path("outcome").asText())) {
          add(event, "Audit API refused", actor + " was refused " + event.path("input").path("path").asText());
        }
      }
      case "decision" -> {
        if (NARRATIVE.equals(event.path("context").path("process_definition_key").asText())) {
          narratives.remove(event.path("trace_id").asText());
          narratives.put(event.path("trace_id").asText(), event);
        }
      }
      default -> { }
    }
  }

  /**
   * Camunda logs an operation as one entry per property it changed (a migration's definition, instance count and
   * mode), which may arrive as several events: they share the operation id and are one operation.
   */
  private boolean firstOfItsOperation(JsonNode output) {
    String operationId = output.path("operation_id").asText(null);
    return operationId == null || operations.add(operationId);
  }

  private void add(JsonNode event, String category, String description) {
    byCategory.merge(category, 1, Integer::sum);
    if (findings.size() >= LISTED) {
      unlisted++;
      return;
    }
    findings.add(new Finding(Instant.parse(event.path("timestamp").asText()), category, description,
        event.path("trace_id").asText(), event.path("context").path("business_key").asText(null)));
  }

  List<Finding> findings() {
    countNarratives();
    return findings;
  }

  /** How many exceptional events of each category, listed or not. */
  Map<String, Integer> byCategory() {
    countNarratives();
    return byCategory;
  }

  int unlisted() {
    countNarratives();
    return unlisted;
  }

  /** A case narrated twice counts its tags once: an auditor asking again is not a new risk. */
  private void countNarratives() {
    if (narrativesCounted) {
      return;
    }
    narrativesCounted = true;
    for (JsonNode narrative : narratives.values()) {
      String requestedBy = narrative.path("metadata").path("auditrail.triggered_by").path("id").asText();
      for (JsonNode tag : narrative.path("output").path("value").path("risk_tags")) {
        add(narrative, "AI risk tag: " + tag.asText(), "the AI proposed the risk tag " + tag.asText()
            + " in a case narrative requested by " + requestedBy);
      }
    }
  }

  int auditApiAccesses() {
    return auditApiAccesses;
  }
}
