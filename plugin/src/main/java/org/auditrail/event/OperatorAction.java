package org.auditrail.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.Set;

/**
 * The one definition of an operator action: a person's intervention in how cases run, in their history or in who
 * may do what, as Camunda writes it to its user operation log ({@code UserOperationLogEntry.OPERATION_TYPE_*} on
 * {@code EntityTypes}). The monthly report lists these as manual operations and the alert condition
 * {@code operator_action} fires on them; everyday work through the API (starting a case, setting a variable,
 * completing or claiming a task) is not one. Camunda logs an operation as one entry per property it changed, which
 * can be several {@code user_operation} events with the same {@code output.operation_id}: count it once by that id.
 */
public enum OperatorAction {

  /** A process instance moved to other activities ({@code ModifyProcessInstance}) or restarted from its history. */
  MODIFICATION("process instance modification"),
  /** A running process instance cancelled ({@code Delete} of a {@code ProcessInstance}). */
  DELETION("process instance deletion"),
  /** A process instance, or a process definition with its instances, suspended. */
  SUSPENSION("suspension"),
  /** A suspended process instance or process definition activated again. */
  ACTIVATION("activation"),
  /** Process instances migrated to another process definition version. */
  MIGRATION("migration"),
  /** History removed ({@code DeleteHistory} of a process instance, decision instance, task or batch). */
  HISTORY_DELETION("history deletion"),
  /** An authorization created, changed or deleted, or a group or tenant membership added or removed. */
  AUTHORIZATION_CHANGE("authorization change");

  private static final String PROCESS_INSTANCE = "ProcessInstance";
  private static final String PROCESS_DEFINITION = "ProcessDefinition";
  /** Memberships grant a group's authorizations (and the plugin's group rules): a change of rights as well. */
  private static final Set<String> AUTHORIZATION_ENTITIES = Set.of("Authorization", "Group membership",
      "TenantMembership");

  private final String description;

  OperatorAction(String description) {
    this.description = description;
  }

  /** How a report or an alert names it, e.g. "process instance modification". */
  public String description() {
    return description;
  }

  /** The operator action a user operation log entry records, if it is one. */
  public static Optional<OperatorAction> of(String operationType, String entityType) {
    if (operationType == null) {
      return Optional.empty();
    }
    if (AUTHORIZATION_ENTITIES.contains(entityType)) {
      return Optional.of(AUTHORIZATION_CHANGE);
    }
    OperatorAction action = switch (operationType) {
      case "ModifyProcessInstance", "RestartProcessInstance" -> MODIFICATION;
      case "Delete" -> PROCESS_INSTANCE.equals(entityType) ? DELETION : null;
      case "Suspend" -> PROCESS_INSTANCE.equals(entityType) ? SUSPENSION : null;
      case "SuspendProcessDefinition" -> PROCESS_DEFINITION.equals(entityType) ? SUSPENSION : null;
      case "Activate" -> PROCESS_INSTANCE.equals(entityType) ? ACTIVATION : null;
      case "ActivateProcessDefinition" -> PROCESS_DEFINITION.equals(entityType) ? ACTIVATION : null;
      case "Migrate" -> MIGRATION;
      case "DeleteHistory" -> HISTORY_DELETION;
      default -> null;
    };
    return Optional.ofNullable(action);
  }

  /** The operator action a recorded event is, if it is one: only {@code user_operation} events can be. */
  public static Optional<OperatorAction> of(JsonNode event) {
    if (!EventType.USER_OPERATION.wireName().equals(event.path("event_type").asText())) {
      return Optional.empty();
    }
    JsonNode output = event.path("output");
    return of(output.path("operation_type").asText(null), output.path("entity_type").asText(null));
  }
}
