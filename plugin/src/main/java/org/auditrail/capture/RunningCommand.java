package org.auditrail.capture;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Optional;
import org.auditrail.event.Actor;
import org.auditrail.event.AuditEvent;
import org.auditrail.event.EventContext;
import org.auditrail.event.Snapshot;
import org.auditrail.store.ContentBlob;
import org.auditrail.store.Transactions;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;

/**
 * What audit capture knows about the engine command that is running, for components that record events of their
 * own during it, such as AI tasks: the actor, the definition snapshot, and the scope start events.
 */
public final class RunningCommand {

  private final CommandContext commandContext;
  private final CommandAuditBuffer buffer;

  private RunningCommand(CommandContext commandContext, CommandAuditBuffer buffer) {
    this.commandContext = commandContext;
    this.buffer = buffer;
  }

  /** The running command, if there is one and the engine runs with the {@link AuditPlugin}. */
  public static Optional<RunningCommand> current() {
    CommandContext commandContext = Context.getCommandContext();
    if (commandContext == null || !commandContext.getProcessEngineConfiguration().getSessionFactories()
        .containsKey(CommandAuditBuffer.class)) {
      return Optional.empty();
    }
    return Optional.of(new RunningCommand(commandContext, commandContext.getSession(CommandAuditBuffer.class)));
  }

  /** Who the command runs for: the authenticated user, or the job executor or engine with the job id. */
  public Actor actor() {
    return ActorResolver.current(commandContext);
  }

  /** The context with what the command knows besides, such as the process instance's business key. */
  public EventContext contextOf(EventContext.Builder context) {
    return buffer.complete(context, commandContext).build();
  }

  /** The connection of the engine's transaction, for reading what earlier commands recorded. */
  public Connection connection() {
    return commandContext.getDbSqlSession().getSqlSession().getConnection();
  }

  public Snapshot snapshotOf(String processDefinitionId) {
    return recorder().snapshots.of(processDefinitionId, commandContext);
  }

  /**
   * Commits the start event of an activity instance (and of its enclosing scopes, if this command started them)
   * in a transaction of its own, ahead of the command, and returns its id. Events that are committed apart from
   * the command can then name an existing parent even if the command rolls back; the start did happen.
   *
   * @param traceId the trace of the activity instance's case
   * @param transactions connections that are not bound to the engine's transaction
   */
  public String commitStartAhead(String traceId, String activityInstanceId, Transactions transactions)
      throws SQLException {
    String startEventId;
    try {
      startEventId = transactions.inTransactionAnswering(
          connection -> buffer.writeStartAhead(traceId, activityInstanceId, connection));
    } catch (SQLException | RuntimeException e) {
      buffer.startsNotCommitted();
      throw e;
    }
    buffer.startsCommitted();
    return startEventId;
  }

  /**
   * The id of the recorded start event of an activity or process instance, from this command or committed.
   *
   * @param traceId the trace of the scope's case
   */
  public String startEventOf(String traceId, String scopeId) {
    return buffer.startEventOf(traceId, scopeId, connection());
  }

  /**
   * The value as audit events, prompts and form snapshots may carry it: a personal variable's value becomes its
   * token, a JSON variable's personal fields theirs, and text has the case's known personal values replaced.
   */
  public Object protect(String processDefinitionId, String processInstanceId, String variableName, Object value) {
    return new PersonalValues(recorder().personalData(), processDefinitionId, processInstanceId)
        .protect(variableName, value);
  }

  /**
   * A value about to become a variable, as JSON (such as an AI task's answer), as the trail may record it: the same
   * tokens and replacements as the variable's own event.
   */
  public JsonNode protect(String processDefinitionId, String processInstanceId, String variableName, JsonNode value) {
    return value == null || value.isNull() ? value
        : new PersonalValues(recorder().personalData(), processDefinitionId, processInstanceId)
            .protect(variableName, value);
  }

  /** The free text of a case (a reason, a message, a tool result, a model answer) as the trail may record it. */
  public FreeText freeTextOf(String processInstanceId) {
    return new FreeText(recorder().personalData(), processInstanceId);
  }

  /** Writes an event built elsewhere with this command's events, for when it could not be committed on its own. */
  public void keep(AuditEvent event, Collection<ContentBlob> blobs) {
    buffer.keep(event, blobs);
  }

  private AuditRecorder recorder() {
    return buffer.recorder();
  }
}
