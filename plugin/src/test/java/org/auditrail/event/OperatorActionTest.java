package org.auditrail.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.camunda.bpm.engine.EntityTypes;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What Camunda's user operation log entries count as operator actions, by operation and entity type. */
class OperatorActionTest {

  @ParameterizedTest(name = "{0} {1} is {2}")
  @CsvSource(nullValues = "none", value = {
      "ModifyProcessInstance, ProcessInstance, MODIFICATION",
      "RestartProcessInstance, ProcessInstance, MODIFICATION",
      "Delete, ProcessInstance, DELETION",
      "Suspend, ProcessInstance, SUSPENSION",
      "SuspendProcessDefinition, ProcessDefinition, SUSPENSION",
      "Activate, ProcessInstance, ACTIVATION",
      "ActivateProcessDefinition, ProcessDefinition, ACTIVATION",
      "Migrate, ProcessInstance, MIGRATION",
      "DeleteHistory, ProcessInstance, HISTORY_DELETION",
      "DeleteHistory, DecisionInstance, HISTORY_DELETION",
      "Create, Authorization, AUTHORIZATION_CHANGE",
      "Update, Authorization, AUTHORIZATION_CHANGE",
      "Delete, Authorization, AUTHORIZATION_CHANGE",
      "Create, Group membership, AUTHORIZATION_CHANGE",
      "Delete, TenantMembership, AUTHORIZATION_CHANGE",
      "Create, ProcessInstance, none",
      "CorrelateMessage, ProcessInstance, none",
      "SetVariable, ProcessInstance, none",
      "SetJobRetries, Job, none",
      "Complete, Task, none",
      "Claim, Task, none",
      "Delete, Task, none",
      "Create, Deployment, none",
      "Delete, Deployment, none",
      "Create, User, none",
      "Create, Group, none",
      "SetRemovalTime, ProcessInstance, none"})
  void anEntryOfTheUserOperationLogIsAnOperatorActionOnlyWhenItChangesHowCasesRunTheirHistoryOrRights(
      String operationType, String entityType, OperatorAction expected) {
    assertThat(OperatorAction.of(operationType, entityType)).isEqualTo(Optional.ofNullable(expected));
  }

  @Test
  void theDefinitionUsesCamundasOwnNamesForOperationsAndEntities() {
    assertThat(OperatorAction.of(UserOperationLogEntry.OPERATION_TYPE_CREATE, EntityTypes.GROUP_MEMBERSHIP))
        .contains(OperatorAction.AUTHORIZATION_CHANGE);
    assertThat(OperatorAction.of(UserOperationLogEntry.OPERATION_TYPE_DELETE_HISTORY, EntityTypes.PROCESS_INSTANCE))
        .contains(OperatorAction.HISTORY_DELETION);
    assertThat(OperatorAction.of(UserOperationLogEntry.OPERATION_TYPE_MIGRATE, EntityTypes.PROCESS_INSTANCE))
        .contains(OperatorAction.MIGRATION);
    assertThat(OperatorAction.of(UserOperationLogEntry.OPERATION_TYPE_SUSPEND_PROCESS_DEFINITION,
        EntityTypes.PROCESS_DEFINITION)).contains(OperatorAction.SUSPENSION);
  }

  @Test
  void onlyUserOperationEventsCanBeOperatorActions() {
    ObjectNode output = EventJson.mapper().createObjectNode().put("operation_type", "Migrate")
        .put("entity_type", "ProcessInstance");
    ObjectNode operation = EventJson.mapper().createObjectNode().put("event_type", "user_operation");
    operation.set("output", output);
    ObjectNode other = EventJson.mapper().createObjectNode().put("event_type", "variable_updated");
    other.set("output", output);
    assertThat(OperatorAction.of(operation)).contains(OperatorAction.MIGRATION);
    assertThat(OperatorAction.of(other)).isEmpty();
  }
}
