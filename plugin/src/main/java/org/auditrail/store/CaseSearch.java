package org.auditrail.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.auditrail.event.EventType;

/**
 * Finds cases in two passes: the first reads the command rows the criteria narrow by index (business key, time
 * range) and keeps per case only which criteria it met and when it last acted; the second reads the whole trace of
 * the cases on the asked page alone, for their summaries. A line's JSON is parsed only when it names a wanted
 * process, model or prompt version, so a search holds little more than one small record per case.
 */
final class CaseSearch {

  private static final String MODEL_CALL = EventType.MODEL_CALL.wireName();
  private static final String HUMAN_REVIEW = EventType.HUMAN_REVIEW.wireName();

  private final CaseCriteria criteria;

  CaseSearch(CaseCriteria criteria) {
    this.criteria = criteria;
  }

  /** A page of matching cases, most recently active first, with how many match in all. */
  record Page(long total, List<CaseSummary> cases) {}

  Page run(EventStore store, Connection connection, long offset, int limit) throws SQLException {
    Map<String, Candidate> candidates = new HashMap<>();
    store.readLines(connection, store.rowsOf(new EventCriteria(null, criteria.businessKey(), null, null, null,
        criteria.from(), criteria.to(), null)), line -> {
          if (inScope(line)) {
            candidates.computeIfAbsent(line.traceId(), Candidate::new).meet(line, this);
          }
        });
    List<Candidate> matching = candidates.values().stream().filter(this::holdsAll)
        .sorted(Comparator.comparing((Candidate c) -> c.lastSeen).reversed().thenComparing(c -> c.traceId))
        .toList();
    List<CaseSummary> page = new ArrayList<>();
    for (Candidate candidate : matching.stream().skip(offset).limit(limit).toList()) {
      page.add(summary(candidate.traceId, store.trace(connection, candidate.traceId)));
    }
    return new Page(matching.size(), page);
  }

  /** An event of a case (not the log's bookkeeping, nor a deployment's or identity change's) in the range. */
  private boolean inScope(EventLine line) {
    return line.processInstanceId() != null && line.traceId() != null && !line.isTraceSummary()
        && (criteria.businessKey() == null || criteria.businessKey().equals(line.businessKey()))
        && (criteria.from() == null || !line.time().isBefore(criteria.from()))
        && (criteria.to() == null || line.time().isBefore(criteria.to()));
  }

  private boolean holdsAll(Candidate candidate) {
    return (criteria.processDefinitionKey() == null || candidate.process)
        && (criteria.eventType() == null || candidate.eventType)
        && (criteria.actorId() == null || candidate.actor)
        && (criteria.modelId() == null || candidate.model)
        && (criteria.promptVersion() == null || candidate.prompt);
  }

  boolean isProcess(EventLine line) {
    return criteria.processDefinitionKey() != null && line.json().contains(criteria.processDefinitionKey())
        && criteria.processDefinitionKey().equals(line.event().path("context").path("process_definition_key")
            .asText(null));
  }

  boolean isModel(EventLine line) {
    String wanted = criteria.modelId();
    if (wanted == null || !line.json().contains(wanted)) {
      return false;
    }
    JsonNode event = line.event();
    return wanted.equals(event.path("snapshot").path("ai").path("model").path("model_id").asText(null))
        || wanted.equals(event.path("metadata").path("gen_ai.request.model").asText(null))
        || wanted.equals(event.path("metadata").path("gen_ai.response.model").asText(null));
  }

  boolean isPromptVersion(EventLine line) {
    String wanted = criteria.promptVersion();
    if (wanted == null || !line.json().contains(wanted)) {
      return false;
    }
    JsonNode event = line.event();
    return wanted.equals(event.path("snapshot").path("ai").path("prompt").path("version").asText(null))
        || wanted.equals(event.path("metadata").path("auditrail.prompt.version").asText(null));
  }

  private static CaseSummary summary(String traceId, List<EventLine> trace) {
    String process = null;
    String businessKey = null;
    Instant first = null;
    Instant last = null;
    long aiCalls = 0;
    long reviews = 0;
    for (EventLine line : trace) {
      if (process == null && line.processInstanceId() != null) {
        process = line.event().path("context").path("process_definition_key").asText(null);
      }
      if (businessKey == null) {
        businessKey = line.businessKey();
      }
      first = first == null || line.time().isBefore(first) ? line.time() : first;
      last = last == null || line.time().isAfter(last) ? line.time() : last;
      aiCalls += MODEL_CALL.equals(line.eventType()) ? 1 : 0;
      reviews += HUMAN_REVIEW.equals(line.eventType()) ? 1 : 0;
    }
    return new CaseSummary(traceId, process, businessKey, first, last, trace.size(), aiCalls, reviews);
  }

  /** What one case met of the criteria so far. */
  private static final class Candidate {
    private final String traceId;
    private Instant lastSeen = Instant.MIN;
    private boolean process;
    private boolean eventType;
    private boolean actor;
    private boolean model;
    private boolean prompt;

    Candidate(String traceId) {
      this.traceId = traceId;
    }

    void meet(EventLine line, CaseSearch search) {
      CaseCriteria criteria = search.criteria;
      lastSeen = line.time().isAfter(lastSeen) ? line.time() : lastSeen;
      process = process || search.isProcess(line);
      eventType = eventType || (criteria.eventType() != null
          && criteria.eventType().wireName().equals(line.eventType()));
      actor = actor || (criteria.actorId() != null && criteria.actorId().equals(line.actorId()));
      model = model || search.isModel(line);
      prompt = prompt || search.isPromptVersion(line);
    }
  }
}
