package org.auditrail.narrative;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.auditrail.AuditLogger;
import org.auditrail.ai.AiConfigurationException;
import org.auditrail.ai.AiGeneration;
import org.auditrail.ai.GeneratedText;
import org.auditrail.capture.ActionNotRecordedException;
import org.auditrail.event.Actor;
import org.auditrail.event.EventJson;
import org.auditrail.trail.AuditTrail;

/**
 * Case narratives: asks the configured model for a cited account of a case, checks it ({@link CitationCheck}),
 * and records the call and the checked narrative in the case's trace, triggered by the auditor who asked. The
 * case's events go to the model as they are in the log: personal values are tokens there, and stay tokens.
 */
public final class CaseNarratives {

  /** The purpose a model must be approved for to write narratives; also the narrative events' process key. */
  public static final String PURPOSE = "case-narrative";
  public static final String STEP = "narrative";
  public static final String PROMPT = "case-narrative";
  public static final String PROMPT_VERSION = "1.0.0";

  private static final Set<String> LEFT_OUT = Set.of("trace_sealed");

  private final AuditTrail trail;
  private final AiGeneration generation;
  private final String model;
  private final Set<String> riskTags;
  private final int maxEvents;

  /**
   * @param model the model inventory's configuration that writes narratives
   * @param riskTags the only risk tags a narrative may carry
   * @param maxEvents at most this many of the case's events (the first) go to the model
   * @throws AiConfigurationException when a risk tag is one no answer could carry, or no event would be sent
   */
  public CaseNarratives(AuditTrail trail, AiGeneration generation, String model, List<String> riskTags,
      int maxEvents) {
    this.trail = trail;
    this.generation = generation;
    this.model = model;
    for (String tag : riskTags) {
      if (!NarrativeAnswer.isTag(tag)) {
        throw new AiConfigurationException("audit.narrative.risk-tags: '" + tag + "' is not a risk tag a model can"
            + " propose; use at most " + NarrativeAnswer.MAX_TOKEN_CHARS + " letters, digits, '.', '_', ':' or '-',"
            + " such as sanctions-hit");
      }
    }
    if (maxEvents < 1) {
      throw new AiConfigurationException("audit.narrative.max-events must be at least 1, but was: " + maxEvents);
    }
    this.riskTags = Set.copyOf(riskTags);
    this.maxEvents = maxEvents;
  }

  /**
   * Writes, checks and records a narrative of the case; answers it as recorded.
   *
   * @throws UnknownCaseException when the log holds no events of the process instance
   * @throws ActionNotRecordedException when the narrative's decision could not be recorded: it is not shown
   */
  public Narrative summarize(String processInstanceId, Actor auditor) {
    AuditTrail.Trace trace = trail.trace(processInstanceId).orElseThrow(() ->
        new UnknownCaseException(processInstanceId));
    List<JsonNode> events = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    List<JsonNode> parsed = parse(trace.events());
    for (int i = 0; i < parsed.size(); i++) {
      if (!LEFT_OUT.contains(parsed.get(i).path("event_type").asText())) {
        events.add(parsed.get(i));
        if (lines.size() < maxEvents) {
          // The stored line itself, not a re-serialization: the model reads exactly what the log holds.
          lines.add(trace.events().get(i));
        }
      }
    }
    CitationCheck check = new CitationCheck(events);
    GeneratedText written = generation.write(PURPOSE, STEP, PROMPT, PROMPT_VERSION, model, Map.of(
            "processInstanceId", processInstanceId,
            "riskTags", String.join(", ", riskTags.stream().sorted().toList()),
            "events", String.join("\n", lines)),
        auditor, trace.traceId(), processInstanceId, answer -> checked(answer, check, processInstanceId).toJson());
    // Read back from the log: a detached write that failed outside an engine command has nowhere to fall back to.
    return latest(processInstanceId).filter(narrative -> narrative.decisionEventId().equals(written.decisionEventId()))
        .orElseThrow(() -> {
          AuditLogger.narrativeNotRecorded(processInstanceId, written.decisionEventId());
          return new ActionNotRecordedException("decision", written.decisionEventId(),
              new IllegalStateException("it is not in the log after it was written"));
        });
  }

  private CheckedNarrative checked(String answer, CitationCheck check, String processInstanceId) {
    CheckedNarrative checked;
    try {
      checked = CheckedNarrative.of(NarrativeAnswer.parse(answer), check, riskTags);
    } catch (NarrativeAnswerException e) {
      AuditLogger.narrativeAnswerRefused(processInstanceId, e.getMessage());
      return CheckedNarrative.refused(e.getMessage());
    }
    if (!checked.droppedSentences().isEmpty() || !checked.droppedTags().isEmpty()) {
      AuditLogger.narrativeDropped(processInstanceId, checked.droppedSentences().size(),
          checked.droppedTags().size());
    }
    return checked;
  }

  /** The case's latest recorded narrative, if any. */
  public Optional<Narrative> latest(String processInstanceId) {
    AuditTrail.Trace trace = trail.trace(processInstanceId).orElseThrow(() ->
        new UnknownCaseException(processInstanceId));
    List<JsonNode> events = parse(trace.events());
    for (int i = events.size() - 1; i >= 0; i--) {
      JsonNode event = events.get(i);
      if ("decision".equals(event.path("event_type").asText())
          && PURPOSE.equals(event.path("context").path("process_definition_key").asText())) {
        return Optional.of(Narrative.of(processInstanceId, event, modelCalls(events, event)));
      }
    }
    return Optional.empty();
  }

  /** The model calls of the narrative's run, which share its conversation id. */
  private static List<String> modelCalls(List<JsonNode> events, JsonNode decision) {
    String run = decision.path("metadata").path("gen_ai.conversation.id").asText();
    List<String> ids = new ArrayList<>();
    for (JsonNode event : events) {
      if ("model_call".equals(event.path("event_type").asText())
          && run.equals(event.path("metadata").path("gen_ai.conversation.id").asText())) {
        ids.add(event.path("event_id").asText());
      }
    }
    return ids;
  }

  private static List<JsonNode> parse(List<String> lines) {
    List<JsonNode> events = new ArrayList<>(lines.size());
    for (String line : lines) {
      try {
        events.add(EventJson.mapper().readTree(line));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("a stored event is not JSON", e);
      }
    }
    return events;
  }

  /**
   * A recorded narrative, as the API answers it: the decision's value, and who and what wrote it.
   *
   * @param json the answer's JSON: {@code process_instance_id}, {@code decision_event_id},
   *     {@code model_call_event_ids}, {@code recorded_at}, {@code requested_by}, {@code ai_written},
   *     {@code model} ({@code config}, {@code id}, {@code provider}), {@code prompt}, {@code narrative}
   */
  public record Narrative(String decisionEventId, JsonNode json) {

    static Narrative of(String processInstanceId, JsonNode decision, List<String> modelCalls) {
      JsonNode metadata = decision.path("metadata");
      JsonNode model = decision.path("snapshot").path("ai").path("model");
      ObjectNode json = EventJson.mapper().createObjectNode()
          .put("process_instance_id", processInstanceId)
          .put("decision_event_id", decision.path("event_id").asText());
      modelCalls.forEach(json.putArray("model_call_event_ids")::add);
      json.put("recorded_at", decision.path("timestamp").asText())
          .put("requested_by", metadata.path("auditrail.triggered_by").path("id").asText(null))
          .put("ai_written", true);
      json.putObject("model").put("config", metadata.path("auditrail.model.config").asText(null))
          .put("id", model.path("model_id").asText(null))
          .put("provider", metadata.path("gen_ai.provider.name").asText(null));
      json.put("prompt", metadata.path("auditrail.prompt.id").asText() + "@"
          + metadata.path("auditrail.prompt.version").asText());
      json.put("outcome", decision.path("outcome").asText());
      json.set("narrative", decision.path("output").path("value"));
      return new Narrative(decision.path("event_id").asText(), json);
    }
  }
}
