package org.auditrail.capture;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.auditrail.event.EventContext;
import org.auditrail.event.EventJson;
import org.auditrail.event.EventType;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.PropertyChange;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.DelegationState;
import org.camunda.bpm.engine.task.IdentityLink;

/**
 * Records a user task's life: created, assigned, claimed, unclaimed, delegated, completed (with the variables the
 * completing user submitted) and deleted. Added as a built-in listener to every user task, so no model changes.
 */
final class TaskLifecycleListener implements TaskListener {

  private final AuditRecorder recorder;

  TaskLifecycleListener(AuditRecorder recorder) {
    this.recorder = recorder;
  }

  @Override
  public void notify(DelegateTask delegateTask) {
    TaskEntity task = (TaskEntity) delegateTask;
    EventType type = typeOf(task);
    if (type == null) {
      return;
    }
    ExecutionEntity execution = task.getExecution();
    EventContext.Builder context = TaskEventContext.of(task);
    recorder.record("task " + task.getId() + " " + task.getEventName(), type, context, event -> {
      if (execution != null) {
        event.traceId = execution.getRootProcessInstanceId();
        event.parentScope = execution.getActivityInstanceId();
      }
      fill(event, type, task);
    });
  }

  private static EventType typeOf(TaskEntity task) {
    return switch (task.getEventName()) {
      case EVENTNAME_CREATE -> EventType.TASK_CREATED;
      case EVENTNAME_COMPLETE -> EventType.TASK_COMPLETED;
      case EVENTNAME_DELETE -> EventType.TASK_DELETED;
      case EVENTNAME_ASSIGNMENT -> assignmentType(task);
      default -> null;
    };
  }

  private static EventType assignmentType(TaskEntity task) {
    PropertyChange delegation = task.getPropertyChanges().get(TaskEntity.DELEGATION);
    if (delegation != null && DelegationState.PENDING.equals(delegation.getNewValue())) {
      return EventType.TASK_DELEGATED;
    }
    if (task.getAssignee() == null) {
      return EventType.TASK_UNCLAIMED;
    }
    PropertyChange assignee = task.getPropertyChanges().get(TaskEntity.ASSIGNEE);
    boolean wasFree = assignee == null || assignee.getOrgValue() == null;
    String userId = org.camunda.bpm.engine.impl.context.Context.getCommandContext().getAuthenticatedUserId();
    return wasFree && task.getAssignee().equals(userId) ? EventType.TASK_CLAIMED : EventType.TASK_ASSIGNED;
  }

  private void fill(PendingEvent event, EventType type, TaskEntity task) {
    ObjectNode output = EventJson.mapper().createObjectNode();
    // The name may be an expression of the case's variables, "Review ${customerName}".
    FreeText freeText = new FreeText(recorder.personalData(), task.getProcessInstanceId());
    switch (type) {
      case TASK_CREATED -> {
        output.put("name", freeText.text(task.getName()));
        output.put("assignee", task.getAssignee());
        output.put("priority", task.getPriority());
        output.put("form_key", TaskEventContext.formKeyOf(task));
        output.put("due_date", task.getDueDate() == null ? null
            : EventJson.formatTimestamp(task.getDueDate().toInstant()));
        ArrayNode groups = output.putArray("candidate_groups");
        ArrayNode users = output.putArray("candidate_users");
        for (IdentityLink candidate : task.getCandidates()) {
          if (candidate.getGroupId() != null) {
            groups.add(candidate.getGroupId());
          } else if (candidate.getUserId() != null) {
            users.add(candidate.getUserId());
          }
        }
      }
      case TASK_COMPLETED -> {
        output.put("assignee", task.getAssignee());
        if (task.getProcessInstanceId() != null) {
          output.set("variables", recorder.buffer("task completion").variablesWritten(task.getProcessInstanceId(),
              null));
        }
      }
      case TASK_DELETED -> event.input = EventJson.mapper().createObjectNode()
          .put("reason", freeText.text(task.getDeleteReason()));
      default -> {
        PropertyChange assignee = task.getPropertyChanges().get(TaskEntity.ASSIGNEE);
        event.input = EventJson.mapper().createObjectNode()
            .put("assignee", assignee == null ? null : assignee.getOrgValueString())
            .put("owner", task.getOwner());
        output.put("assignee", task.getAssignee());
      }
    }
    event.output = output;
  }
}
