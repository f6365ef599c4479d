package org.auditrail.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.auditrail.AuditLogger;
import org.auditrail.capture.ActionNotRecordedException;
import org.auditrail.capture.DetachedEventLog;
import org.auditrail.event.Actor;
import org.auditrail.event.AuditEvent;
import org.auditrail.event.EventContext;
import org.auditrail.event.EventIds;
import org.auditrail.event.EventJson;
import org.auditrail.event.EventType;
import org.auditrail.event.Outcome;
import org.auditrail.store.AuditStorageException;
import org.auditrail.store.EventStore;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;

/**
 * A data subject's rights over the audit trail: erasure by crypto-shredding, access to every event about them with
 * their identities resolved, and resolving one token. Erasures and resolutions are audit events themselves (trace:
 * the subject id), sealed like every other.
 */
public final class SubjectRights {

  private final SubjectVault vault;
  private final DetachedEventLog log;
  private final EventStore events;
  private final RuntimeService runtime;
  private final CommandExecutor commands;

  /** @param engine whose history of the subject's cases loses the personal variables on erasure */
  public SubjectRights(SubjectVault vault, DetachedEventLog log, EventStore events, ProcessEngine engine) {
    this.vault = vault;
    this.log = log;
    this.events = events;
    this.runtime = engine.getRuntimeService();
    this.commands = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
        .getCommandExecutorTxRequired();
  }

  /** The subject id of a person, and whether the vault holds data of them. */
  public ObjectNode lookup(String subjectValue) {
    String subjectId = vault.subjectIdOf(subjectValue);
    return EventJson.mapper().createObjectNode().put("subject_id", subjectId).put("known", vault.isKnown(subjectId))
        .put("erased", vault.isErased(subjectId));
  }

  /**
   * Removes the subject from the engine's history of their cases, one case per engine transaction, and then
   * destroys the subject's key in one transaction with the {@code subject_erased} event (no event, no erasure). The
   * history goes first because its free text is found by the subject's clear values, which the key destruction
   * makes unreadable. An erasure that stops half-way is recorded with what it removed so far, and a second request
   * finishes it; only a complete one makes the subject erased. Refused while a case of the subject still runs,
   * since it still works with the data.
   *
   * @throws ErasureIncompleteException when the history of a case could not be cleaned
   */
  public ObjectNode erase(String subjectId, Actor officer) {
    if (!vault.isKnown(subjectId)) {
      throw new UnknownSubjectException(subjectId);
    }
    if (vault.isErased(subjectId)) {
      throw new ErasedSubjectException(subjectId);
    }
    List<SubjectVault.Token> tokens = vault.tokensOf(subjectId);
    Set<String> cases = new TreeSet<>();
    tokens.forEach(token -> cases.addAll(casesCarrying(token.token())));
    List<String> running = asSystem(context -> cases.stream()
        .filter(id -> runtime.createProcessInstanceQuery().processInstanceId(id).count() > 0).toList());
    if (!running.isEmpty()) {
      throw new IllegalStateException("data subject '" + subjectId + "' has running cases " + running
          + "; complete or cancel them before the erasure");
    }
    ObjectNode progress = vault.erasureProgress(subjectId).map(SubjectRights::parse).map(ObjectNode.class::cast)
        .orElseGet(() -> EventJson.mapper().createObjectNode());
    ObjectNode cleaned = progress.withObjectProperty("cases");
    if (!cleaned.isEmpty()) {
      AuditLogger.erasureResumed(subjectId, cleaned.size());
    }
    vault.recordErasureProgress(subjectId, progress.toString());
    Set<String> fields = new TreeSet<>();
    Map<String, String> values = new LinkedHashMap<>();
    for (SubjectVault.Token token : tokens) {
      if (!SubjectVault.BUSINESS_KEY.equals(token.field())) {
        fields.add(token.field()); // a business key is no variable: it is found, like free text, by its value
      }
      vault.resolve(token.token()).ifPresent(value -> values.putIfAbsent(value, token.token()));
    }
    for (String processInstanceId : cases) {
      if (cleaned.has(processInstanceId)) {
        continue;
      }
      try {
        cleaned.set(processInstanceId, asSystem(new CaseHistoryEraser(processInstanceId, fields, values)));
      } catch (RuntimeException e) {
        AuditLogger.erasureIncomplete(subjectId, processInstanceId, e);
        throw new ErasureIncompleteException(subjectId, processInstanceId, e);
      }
      vault.recordErasureProgress(subjectId, progress.toString());
    }
    ObjectNode output = EventJson.mapper().createObjectNode().put("subject_id", subjectId);
    vault.erase(subjectId, officer.id(), (connection, erasure) -> {
      output.put("erased_at", erasure.erasedAt().toString()).put("tokens", erasure.tokens().size());
      summarize(cleaned, output);
      AuditEvent event = event(EventType.SUBJECT_ERASED, subjectId, officer, null, output);
      try {
        events.append(connection, List.of(event), List.of());
      } catch (SQLException e) {
        AuditLogger.actionNotRecorded(EventType.SUBJECT_ERASED.wireName(), event.eventId(), e);
        throw new ActionNotRecordedException(EventType.SUBJECT_ERASED.wireName(), event.eventId(), e);
      }
    });
    return output;
  }

  /** What the erasure removed from the engine's history: counts per kind, variable names and case ids. */
  private static void summarize(ObjectNode cleaned, ObjectNode output) {
    ObjectNode removed = output.putObject("removed");
    Set<String> variables = new TreeSet<>();
    cleaned.forEach(caseRemoved -> caseRemoved.properties().forEach(kind -> {
      if (kind.getValue().isInt()) {
        removed.put(kind.getKey(), removed.path(kind.getKey()).asInt() + kind.getValue().asInt());
      } else {
        kind.getValue().forEach(name -> variables.add(name.asText()));
      }
    }));
    variables.forEach(output.putArray("variables")::add);
    cleaned.fieldNames().forEachRemaining(output.putArray("cases")::add);
  }

  /**
   * Runs the erasure's engine work without the engine's authorization checks, still as the officer (the engine's
   * user operation log names them). The officer's right is the privacy API's; with Camunda authorization on, their
   * own engine rights would hide running cases from the check and the history from the deletion, so an erasure
   * would silently miss them.
   */
  private <T> T asSystem(Command<T> work) {
    return commands.execute(context -> context.runWithoutAuthorization(work));
  }

  public ObjectNode resolve(String token, Actor officer) {
    SubjectVault.Token known = vault.token(token).orElseThrow(() -> new UnknownTokenException(token));
    String value = vault.resolve(token).orElseThrow(() -> new UnknownTokenException(token));
    recordDisclosure(EventType.IDENTITY_RESOLVED, known.subjectId(), officer,
        EventJson.mapper().createObjectNode().put("token", token),
        EventJson.mapper().createObjectNode().put("subject_id", known.subjectId()).put("field", known.field()));
    return EventJson.mapper().createObjectNode().put("token", token).put("subject_id", known.subjectId())
        .put("field", known.field()).put("value", value);
  }

  /**
   * Everything about the subject: every event of every case that carries one of the subject's tokens, and the
   * subject's own privacy events, oldest first, with the tokens resolved while the subject is not erased.
   */
  public ObjectNode export(String subjectId, Actor officer) {
    if (!vault.isKnown(subjectId)) {
      throw new UnknownSubjectException(subjectId);
    }
    boolean erased = vault.isErased(subjectId);
    Map<String, String> identities = new LinkedHashMap<>();
    Map<String, String> events = new TreeMap<>();
    for (SubjectVault.Token token : vault.tokensOf(subjectId)) {
      identities.put(token.token(), erased ? null : vault.resolve(token.token()).orElse(null));
      eventsOfCasesCarrying(token.token(), events);
    }
    eventsOfTrace(subjectId, events);
    ObjectNode export = EventJson.mapper().createObjectNode().put("subject_id", subjectId).put("erased", erased)
        .put("exported_at", Instant.now().toString());
    ObjectNode resolved = export.putObject("identities");
    identities.forEach(resolved::put);
    ArrayNode list = export.putArray("events");
    for (String payload : events.values()) {
      String text = payload;
      for (Map.Entry<String, String> identity : identities.entrySet()) {
        if (identity.getValue() != null) {
          text = text.replace(identity.getKey(), jsonStringContent(identity.getValue()));
        }
      }
      list.add(parse(text));
    }
    recordDisclosure(EventType.IDENTITY_RESOLVED, subjectId, officer,
        EventJson.mapper().createObjectNode().put("export", true),
        EventJson.mapper().createObjectNode().put("subject_id", subjectId).put("events", events.size()));
    return export;
  }

  private Set<String> casesCarrying(String token) {
    try {
      return events.processInstancesMentioning(token);
    } catch (SQLException e) {
      throw new AuditStorageException("AUDIT-060 the cases of a data subject could not be read: " + e.getMessage(), e);
    }
  }

  private void eventsOfCasesCarrying(String token, Map<String, String> into) {
    try {
      events.tracesMentioning(token).forEach(event -> into.put(event.eventId(), event.json()));
    } catch (SQLException e) {
      throw eventsUnreadable(e);
    }
  }

  private void eventsOfTrace(String traceId, Map<String, String> into) {
    try {
      events.trace(traceId).forEach(event -> into.put(event.eventId(), event.json()));
    } catch (SQLException e) {
      throw eventsUnreadable(e);
    }
  }

  private static AuditStorageException eventsUnreadable(SQLException e) {
    return new AuditStorageException("AUDIT-060 the events of a data subject could not be read: " + e.getMessage(),
        e);
  }

  /** Writes the event before the disclosure it records: without it, nothing is disclosed. */
  private void recordDisclosure(EventType type, String subjectId, Actor officer, ObjectNode input,
      ObjectNode output) {
    log.appendBeforeAction(event(type, subjectId, officer, input, output), List.of());
  }

  private static AuditEvent event(EventType type, String subjectId, Actor officer, ObjectNode input,
      ObjectNode output) {
    return new AuditEvent(EventIds.next(), subjectId, null, Instant.ofEpochMilli(System.currentTimeMillis()),
        officer, type, EventContext.builder().build(), null, input, output, null, Outcome.SUCCESS, null);
  }

  private static String jsonStringContent(String value) {
    String quoted;
    try {
      quoted = EventJson.mapper().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a string is JSON", e);
    }
    return quoted.substring(1, quoted.length() - 1);
  }

  private static JsonNode parse(String json) {
    try {
      return EventJson.mapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new AuditStorageException("AUDIT-012 a stored event is not JSON: " + e.getMessage(), e);
    }
  }
}
