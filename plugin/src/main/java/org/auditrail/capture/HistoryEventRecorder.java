package org.auditrail.capture;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.auditrail.event.EventContext;
import org.auditrail.event.EventError;
import org.auditrail.event.EventJson;
import org.auditrail.event.EventType;
import org.auditrail.event.Outcome;
import org.camunda.bpm.engine.EntityTypes;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricDecisionEvaluationEvent;
import org.camunda.bpm.engine.impl.history.event.HistoricIncidentEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricJobLogEvent;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.event.UserOperationLogEntryEventEntity;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;

/**
 * Receives the engine's history events, beside its own history handler, and records the ones an auditor needs:
 * process instances, activity instances, variables, jobs, incidents, user operations and decision evaluations.
 */
final class HistoryEventRecorder implements HistoryEventHandler {

  /**
   * The one trace of every change of users, groups, tenants, memberships and authorizations: who may do what is
   * read as one history, not scattered over a trace per event.
   */
  static final String IDENTITY_TRACE = "identity";

  private static final Set<String> IDENTITY_ENTITIES = Set.of(EntityTypes.USER, EntityTypes.GROUP,
      EntityTypes.TENANT, EntityTypes.GROUP_MEMBERSHIP, EntityTypes.TENANT_MEMBERSHIP, EntityTypes.AUTHORIZATION);

  private final AuditRecorder recorder;
  private final DecisionEvaluationRecorder decisions;

  HistoryEventRecorder(AuditRecorder recorder) {
    this.recorder = recorder;
    this.decisions = new DecisionEvaluationRecorder(recorder);
  }

  @Override
  public void handleEvents(List<HistoryEvent> historyEvents) {
    Map<String, List<UserOperationLogEntryEventEntity>> operations = new LinkedHashMap<>();
    for (HistoryEvent historyEvent : historyEvents) {
      if (historyEvent instanceof UserOperationLogEntryEventEntity entry) {
        operations.computeIfAbsent(entry.getOperationId(), id -> new ArrayList<>()).add(entry);
      } else {
        handleEvent(historyEvent);
      }
    }
    operations.values().forEach(this::userOperation);
  }

  @Override
  public void handleEvent(HistoryEvent historyEvent) {
    if (historyEvent instanceof HistoricProcessInstanceEventEntity process) {
      processInstance(process);
    } else if (historyEvent instanceof HistoricActivityInstanceEventEntity activity) {
      activityInstance(activity);
    } else if (historyEvent instanceof HistoricVariableUpdateEventEntity variable) {
      variable(variable);
    } else if (historyEvent instanceof HistoricIncidentEventEntity incident) {
      incident(incident);
    } else if (historyEvent instanceof HistoricJobLogEvent job) {
      job(job);
    } else if (historyEvent instanceof UserOperationLogEntryEventEntity entry) {
      userOperation(List.of(entry));
    } else if (historyEvent instanceof HistoricDecisionEvaluationEvent evaluation) {
      decisions.record(evaluation);
    }
  }

  private void processInstance(HistoricProcessInstanceEventEntity process) {
    EventType type;
    if (process.isEventOfType(HistoryEventTypes.PROCESS_INSTANCE_START)) {
      type = EventType.PROCESS_STARTED;
    } else if (process.isEventOfType(HistoryEventTypes.PROCESS_INSTANCE_END)) {
      type = HistoricProcessInstance.STATE_EXTERNALLY_TERMINATED.equals(process.getState())
          ? EventType.PROCESS_CANCELLED : EventType.PROCESS_COMPLETED;
    } else {
      return;
    }
    EventContext.Builder context = baseContext(process)
        .businessKey(process.getBusinessKey())
        .activityInstanceId(process.getProcessInstanceId())
        .tenantId(process.getTenantId());
    recorder.record("process instance " + process.getProcessInstanceId(), type, context, event -> {
      event.traceId = process.getRootProcessInstanceId();
      ObjectNode output = EventJson.mapper().createObjectNode();
      if (type == EventType.PROCESS_STARTED) {
        event.parentScope = superActivityInstanceOf(process);
        output.put("start_activity_id", process.getStartActivityId());
        if (process.getSuperProcessInstanceId() != null) {
          event.metadata().put("super_process_instance_id", process.getSuperProcessInstanceId());
        }
      } else {
        event.parentScope = process.getProcessInstanceId();
        output.put("state", process.getState());
        output.put("end_activity_id", process.getEndActivityId());
        output.put("duration_ms", process.getDurationInMillis());
        if (process.getDeleteReason() != null) {
          event.input = EventJson.mapper().createObjectNode()
              .put("reason", freeTextOf(process.getProcessInstanceId()).text(process.getDeleteReason()));
        }
      }
      event.output = output;
    });
  }

  /** A sub-process started by a call activity is a child of that call activity's start event. */
  private static String superActivityInstanceOf(HistoricProcessInstanceEventEntity process) {
    if (process.getSuperProcessInstanceId() == null) {
      return null;
    }
    ExecutionEntity instance = Context.getCommandContext().getExecutionManager()
        .findExecutionById(process.getProcessInstanceId());
    ExecutionEntity superExecution = instance == null ? null : instance.getSuperExecution();
    return superExecution == null ? null : superExecution.getActivityInstanceId();
  }

  private void activityInstance(HistoricActivityInstanceEventEntity activity) {
    EventType type;
    if (activity.isEventOfType(HistoryEventTypes.ACTIVITY_INSTANCE_START)) {
      type = EventType.ACTIVITY_STARTED;
    } else if (activity.isEventOfType(HistoryEventTypes.ACTIVITY_INSTANCE_END)) {
      type = activity.isCanceled() ? EventType.ACTIVITY_CANCELLED : EventType.ACTIVITY_COMPLETED;
    } else {
      return;
    }
    EventContext.Builder context = baseContext(activity)
        .activity(activity.getActivityId(), activity.getActivityName(), activity.getActivityType())
        .activityInstanceId(activity.getActivityInstanceId())
        .taskId(activity.getTaskId())
        .tenantId(activity.getTenantId());
    recorder.record("activity instance " + activity.getActivityInstanceId(), type, context, event -> {
      event.traceId = activity.getRootProcessInstanceId();
      if (type == EventType.ACTIVITY_STARTED) {
        event.parentScope = activity.getParentActivityInstanceId();
        recorder.buffer("activity start").closeStartVariables(activity.getProcessInstanceId());
      } else {
        event.parentScope = activity.getActivityInstanceId();
        ObjectNode output = EventJson.mapper().createObjectNode();
        output.put("duration_ms", activity.getDurationInMillis());
        if (activity.getCalledProcessInstanceId() != null) {
          output.put("called_process_instance_id", activity.getCalledProcessInstanceId());
        }
        event.output = output;
        recorder.buffer("activity end").activityEnded(activity.getProcessInstanceId(), activity.getActivityId(),
            activity.getActivityInstanceId());
      }
    });
  }

  private void variable(HistoricVariableUpdateEventEntity variable) {
    EventType type;
    if (variable.isEventOfType(HistoryEventTypes.VARIABLE_INSTANCE_CREATE)) {
      type = EventType.VARIABLE_CREATED;
    } else if (variable.isEventOfType(HistoryEventTypes.VARIABLE_INSTANCE_UPDATE)) {
      type = EventType.VARIABLE_UPDATED;
    } else if (variable.isEventOfType(HistoryEventTypes.VARIABLE_INSTANCE_DELETE)) {
      type = EventType.VARIABLE_DELETED;
    } else {
      return;
    }
    EventContext.Builder context = baseContext(variable)
        .activityInstanceId(variable.getScopeActivityInstanceId())
        .taskId(variable.getTaskId())
        .variableInstanceId(variable.getVariableInstanceId())
        .tenantId(variable.getTenantId());
    recorder.record("variable " + variable.getVariableName(), type, context, event -> {
      event.traceId = variable.getRootProcessInstanceId();
      event.parentScope = variable.getScopeActivityInstanceId();
      if (type != EventType.VARIABLE_CREATED) {
        event.input = EventJson.mapper().createObjectNode().put("name", variable.getVariableName());
        event.previousValueOf = variable.getVariableInstanceId();
      }
      if (type != EventType.VARIABLE_DELETED) {
        ObjectNode output = EventJson.mapper().createObjectNode().put("name", variable.getVariableName());
        output.set("value", VariableValues.render(variable, recorder.buffer("variable value"),
            new PersonalValues(recorder.personalData(), variable.getProcessDefinitionId(),
                variable.getProcessInstanceId())));
        event.output = output;
      }
    });
  }

  private void incident(HistoricIncidentEventEntity incident) {
    EventType type;
    if (incident.isEventOfType(HistoryEventTypes.INCIDENT_CREATE)) {
      type = EventType.INCIDENT_CREATED;
    } else if (incident.isEventOfType(HistoryEventTypes.INCIDENT_RESOLVE)) {
      type = EventType.INCIDENT_RESOLVED;
    } else if (incident.isEventOfType(HistoryEventTypes.INCIDENT_DELETE)) {
      type = EventType.INCIDENT_DELETED;
    } else {
      return;
    }
    EventContext.Builder context = baseContext(incident)
        .activity(incident.getActivityId(), null, null)
        .incidentId(incident.getId())
        .tenantId(incident.getTenantId());
    recorder.record("incident " + incident.getId(), type, context, event -> {
      event.traceId = incident.getRootProcessInstanceId();
      event.parentScope = activityInstanceOfExecution(incident.getExecutionId());
      ObjectNode output = EventJson.mapper().createObjectNode();
      output.put("incident_type", incident.getIncidentType());
      output.put("configuration", incident.getConfiguration());
      output.put("failed_activity_id", incident.getFailedActivityId());
      event.output = output;
      if (type == EventType.INCIDENT_CREATED) {
        event.outcome = Outcome.ERROR;
        event.error = new EventError(incident.getIncidentType(),
            freeTextOf(incident.getProcessInstanceId()).text(incident.getIncidentMessage()));
      }
    });
  }

  private void job(HistoricJobLogEvent job) {
    EventType type;
    if (job.isCreationLog()) {
      type = EventType.JOB_CREATED;
    } else if (job.isFailureLog()) {
      type = EventType.JOB_FAILED;
    } else if (job.isSuccessLog()) {
      type = EventType.JOB_SUCCEEDED;
    } else if (job.isDeletionLog()) {
      type = EventType.JOB_DELETED;
    } else {
      return;
    }
    EventContext.Builder context = baseContext(job)
        .activity(job.getActivityId(), null, null)
        .jobId(job.getJobId())
        .deploymentId(job.getDeploymentId())
        .tenantId(job.getTenantId());
    recorder.record("job " + job.getJobId(), type, context, event -> {
      event.traceId = job.getRootProcessInstanceId();
      PendingEvent trigger = recorder.buffer("job").trigger();
      if (type == EventType.JOB_CREATED && trigger != null) {
        // Work the job executor does later follows from what this command's actor did.
        event.parentEventId = trigger.eventId;
      } else {
        event.parentScope = activityInstanceOfExecution(job.getExecutionId());
      }
      ObjectNode output = EventJson.mapper().createObjectNode();
      output.put("job_type", job.getJobDefinitionType());
      output.put("job_configuration", job.getJobDefinitionConfiguration());
      output.put("retries", job.getJobRetries());
      output.put("due_date", job.getJobDueDate() == null ? null
          : EventJson.formatTimestamp(job.getJobDueDate().toInstant()));
      event.output = output;
      if (type == EventType.JOB_FAILED) {
        event.outcome = Outcome.ERROR;
        event.error = new EventError("job_failure",
            freeTextOf(job.getProcessInstanceId()).text(job.getJobExceptionMessage()));
        event.metadata().put("failed_activity_id", job.getFailedActivityId());
      }
    });
  }

  private void userOperation(List<UserOperationLogEntryEventEntity> entries) {
    UserOperationLogEntryEventEntity first = entries.get(0);
    EventContext.Builder context = baseContext(first)
        .taskId(first.getTaskId())
        .jobId(first.getJobId())
        .deploymentId(first.getDeploymentId())
        .tenantId(first.getTenantId());
    recorder.record("user operation " + first.getOperationType(), EventType.USER_OPERATION, context, event -> {
      event.traceId = traceOf(first);
      event.parentScope = first.getProcessInstanceId();
      ObjectNode output = EventJson.mapper().createObjectNode();
      output.put("operation_type", first.getOperationType());
      output.put("entity_type", first.getEntityType());
      output.put("category", first.getCategory());
      output.put("operation_id", first.getOperationId());
      FreeText freeText = freeTextOf(first.getProcessInstanceId());
      output.put("annotation", freeText.text(first.getAnnotation()));
      ArrayNode changes = output.putArray("changes");
      for (UserOperationLogEntryEventEntity entry : entries) {
        if (entry.getProperty() != null) {
          changes.addObject()
              .put("property", entry.getProperty())
              .put("org_value", freeText.text(entry.getOrgValue()))
              .put("new_value", freeText.text(entry.getNewValue()));
        }
      }
      event.output = output;
      event.metadata().put("operation_user_id", first.getUserId());
    });
  }

  /** Text an engine step carries (a message, a reason, a changed value), as a case's free text. */
  private FreeText freeTextOf(String processInstanceId) {
    return new FreeText(recorder.personalData(), processInstanceId);
  }

  private static String traceOf(UserOperationLogEntryEventEntity entry) {
    if (entry.getRootProcessInstanceId() != null) {
      return entry.getRootProcessInstanceId();
    }
    if (entry.getProcessInstanceId() != null) {
      return entry.getProcessInstanceId();
    }
    if (entry.getDeploymentId() != null) {
      return entry.getDeploymentId();
    }
    // Other operations outside a case (a property, a batch) keep a trace of their own: their event id.
    return IDENTITY_ENTITIES.contains(entry.getEntityType()) ? IDENTITY_TRACE : null;
  }

  private static EventContext.Builder baseContext(HistoryEvent historyEvent) {
    return EventContext.builder()
        .processDefinition(historyEvent.getProcessDefinitionId(), historyEvent.getProcessDefinitionKey(),
            historyEvent.getProcessDefinitionVersion())
        .processInstanceId(historyEvent.getProcessInstanceId())
        .executionId(historyEvent.getExecutionId());
  }

  private static String activityInstanceOfExecution(String executionId) {
    if (executionId == null) {
      return null;
    }
    ExecutionEntity execution = Context.getCommandContext().getExecutionManager().findExecutionById(executionId);
    return execution == null ? null : execution.getActivityInstanceId();
  }
}
