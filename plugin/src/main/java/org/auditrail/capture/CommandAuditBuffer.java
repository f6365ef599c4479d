package org.auditrail.capture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.auditrail.event.AuditEvent;
import org.auditrail.event.EventContext;
import org.auditrail.event.EventJson;
import org.auditrail.event.EventType;
import org.auditrail.store.AuditStorageException;
import org.auditrail.store.ContentBlob;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;

/**
 * The audit events of one engine command. The engine flushes its sessions right before it commits; this session
 * then writes all events in one batch on the engine's own connection, so they commit and roll back with the
 * engine's work. A command that fails is never flushed, and its events are dropped with its work.
 */
final class CommandAuditBuffer implements Session {

  /** Marks a start event that was committed ahead of its command, so it stands even if the command rolled back. */
  private static final String WRITTEN_AHEAD = "written_ahead_of_command";

  private final AuditRecorder recorder;
  private final List<PendingEvent> events = new ArrayList<>();
  private final Map<String, ContentBlob> blobs = new LinkedHashMap<>();
  private final Map<String, String> businessKeys = new HashMap<>();
  /** Business keys as events carry them (tokens when they are personal), by process instance and clear key. */
  private final Map<String, String> carriedBusinessKeys = new HashMap<>();
  private final Map<String, String> endedActivityInstances = new HashMap<>();
  private final List<AuditEvent> kept = new ArrayList<>();
  private final List<PendingEvent> writtenAhead = new ArrayList<>();
  private final Map<String, String> startedAhead = new HashMap<>();

  CommandAuditBuffer(AuditRecorder recorder) {
    this.recorder = recorder;
  }

  void add(PendingEvent event) {
    events.add(event);
    if (event.context.processInstanceId() != null && event.context.businessKey() != null) {
      String processInstanceId = event.context.processInstanceId();
      String businessKey = event.context.businessKey();
      businessKeys.putIfAbsent(processInstanceId, businessKey);
      event.context = event.context.withBusinessKey(carriedBusinessKeys.computeIfAbsent(
          processInstanceId + '\n' + businessKey,
          key -> recorder.personalData().businessKeyFor(processInstanceId, businessKey)));
    }
  }

  /** Keeps bytes in the content store (with this command's transaction) and returns the reference to them. */
  ObjectNode store(ContentBlob blob) {
    blobs.putIfAbsent(blob.sha256(), blob);
    return blob.reference();
  }

  AuditRecorder recorder() {
    return recorder;
  }

  int inlineLimitBytes() {
    return recorder.settings.inlineLimitBytes();
  }

  /** The first event of this command: what the actor did that everything else in the command followed from. */
  PendingEvent trigger() {
    return events.isEmpty() ? null : events.get(0);
  }

  void activityEnded(String processInstanceId, String activityId, String activityInstanceId) {
    endedActivityInstances.put(processInstanceId + '/' + activityId, activityInstanceId);
  }

  String endedActivityInstance(String processInstanceId, String activityId) {
    return endedActivityInstances.get(processInstanceId + '/' + activityId);
  }

  /** The variables this command wrote so far in one process instance, by name, optionally only in one scope. */
  ObjectNode variablesWritten(String processInstanceId, String scopeActivityInstanceId) {
    ObjectNode variables = EventJson.mapper().createObjectNode();
    for (PendingEvent event : events) {
      boolean written = event.type == EventType.VARIABLE_CREATED || event.type == EventType.VARIABLE_UPDATED;
      if (written && processInstanceId.equals(event.context.processInstanceId())
          && (scopeActivityInstanceId == null || scopeActivityInstanceId.equals(event.context.activityInstanceId()))) {
        JsonNode output = event.output;
        variables.set(output.path("name").asText(), output.path("value"));
      }
    }
    return variables;
  }

  /**
   * Gives a process_started event of this command its start variables: those written in the process instance's
   * own scope before its first activity started.
   */
  void closeStartVariables(String processInstanceId) {
    for (PendingEvent event : events) {
      if (event.type == EventType.PROCESS_STARTED && event.input == null
          && processInstanceId.equals(event.context.processInstanceId())) {
        ObjectNode input = EventJson.mapper().createObjectNode();
        input.set("variables", variablesWritten(processInstanceId, processInstanceId));
        event.input = input;
      }
    }
  }

  EventContext.Builder complete(EventContext.Builder context, CommandContext commandContext) {
    String processInstanceId = context.processInstanceId();
    if (processInstanceId != null && context.activityName() != null) {
      // A user task's name is evaluated from the case's variables ("Review ${customerName}").
      context.activityName(new FreeText(recorder.personalData(), processInstanceId).text(context.activityName()));
    }
    if (context.businessKey() == null && processInstanceId != null) {
      context.businessKey(businessKeys.computeIfAbsent(processInstanceId,
          id -> businessKeyOf(id, commandContext)));
    }
    return context;
  }

  private static String businessKeyOf(String processInstanceId, CommandContext commandContext) {
    ExecutionEntity processInstance = commandContext.getExecutionManager().findExecutionById(processInstanceId);
    return processInstance == null ? null : processInstance.getBusinessKey();
  }

  /** Takes an event that was built outside capture, to be written with this command's batch. */
  void keep(AuditEvent event, Collection<ContentBlob> eventBlobs) {
    kept.addAll(recorder.personalData().withBusinessKeys(List.of(event)));
    eventBlobs.forEach(blob -> blobs.putIfAbsent(blob.sha256(), blob));
  }

  /**
   * Writes, on the given connection, the start event of an activity instance together with the start events of
   * its enclosing scopes that this command has not written yet. Once that transaction commits,
   * {@link #startsCommitted()} takes them out of this command; if it fails, {@link #startsNotCommitted()} leaves
   * them to be written with the command as usual.
   *
   * @return the start event's id; {@code null} when no start event of that activity instance is known
   */
  String writeStartAhead(String traceId, String activityInstanceId, Connection connection) throws SQLException {
    List<PendingEvent> chain = new ArrayList<>();
    for (String scope = activityInstanceId; scope != null; ) {
      PendingEvent start = pendingStartOf(scope);
      if (start == null) {
        break;
      }
      chain.add(0, start);
      scope = start.parentScope;
    }
    if (chain.isEmpty()) {
      return startEventOf(traceId, activityInstanceId, connection);
    }
    chain.forEach(start -> start.metadata().put(WRITTEN_AHEAD, true));
    EventLinker linker = new EventLinker(recorder.scopes, recorder.events());
    recorder.events().append(connection, linker.link(chain, connection), List.of());
    writtenAhead.addAll(chain);
    startedAhead.putAll(linker.startedScopes());
    return chain.get(chain.size() - 1).eventId;
  }

  String startEventOf(String traceId, String scope, Connection connection) {
    PendingEvent pending = pendingStartOf(scope);
    if (pending != null) {
      return pending.eventId;
    }
    String known = recorder.scopes.startEventOf(scope);
    if (known != null) {
      return known;
    }
    try {
      return recorder.events().startEvents(connection, Map.of(scope, traceId)).get(scope);
    } catch (SQLException e) {
      throw new AuditStorageException("AUDIT-014 the start event of " + scope + " could not be read: "
          + e.getMessage(), e);
    }
  }

  void startsCommitted() {
    events.removeAll(writtenAhead);
    recorder.scopes.remember(startedAhead);
    writtenAhead.clear();
    startedAhead.clear();
  }

  void startsNotCommitted() {
    writtenAhead.forEach(start -> start.metadata().remove(WRITTEN_AHEAD));
    writtenAhead.clear();
    startedAhead.clear();
  }

  private PendingEvent pendingStartOf(String scope) {
    for (PendingEvent event : events) {
      if (event.isScopeStart() && scope.equals(event.context.activityInstanceId())) {
        return event;
      }
    }
    return null;
  }

  @Override
  public void flush() {
    if (events.isEmpty() && blobs.isEmpty() && kept.isEmpty()) {
      return;
    }
    CommandContext commandContext = Context.getCommandContext();
    Connection connection = commandContext.getDbSqlSession().getSqlSession().getConnection();
    EventLinker linker = new EventLinker(recorder.scopes, recorder.events());
    try {
      List<AuditEvent> linked = new ArrayList<>(linker.link(events, connection));
      linked.addAll(kept);
      recorder.events().append(connection, linked, blobs.values());
    } catch (SQLException e) {
      throw new AuditStorageException("AUDIT-013 audit events of this command could not be written, so the"
          + " command is rolled back with them: " + e.getMessage(), e);
    }
    Map<String, String> started = linker.startedScopes();
    commandContext.getTransactionContext().addTransactionListener(TransactionState.COMMITTED,
        committed -> recorder.scopes.remember(started));
    events.clear();
    blobs.clear();
    kept.clear();
  }

  @Override
  public void close() {
    // Nothing to release: the connection belongs to the engine.
  }
}
