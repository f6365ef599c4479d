package org.auditrail.capture;

import org.auditrail.event.EventContext;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.task.TaskDefinition;

/** Where a user task's events happened: the task, and the process, activity and execution it belongs to. */
public final class TaskEventContext {

  private TaskEventContext() {}

  public static EventContext.Builder of(TaskEntity task) {
    ExecutionEntity execution = task.getExecution();
    EventContext.Builder context = EventContext.builder()
        .taskId(task.getId())
        .tenantId(task.getTenantId());
    if (execution != null) {
      context.processDefinition(task.getProcessDefinitionId(), execution.getProcessDefinition().getKey(),
              execution.getProcessDefinition().getVersion())
          .processInstanceId(task.getProcessInstanceId())
          .executionId(execution.getId())
          .activity(task.getTaskDefinitionKey(), task.getName(), "userTask")
          .activityInstanceId(execution.getActivityInstanceId());
    }
    return context;
  }

  /** The form the task shows, as modelled (an expression may make it differ per task). */
  public static String formKeyOf(TaskEntity task) {
    TaskDefinition definition = task.getTaskDefinition();
    if (definition == null) {
      return null;
    }
    Expression key = definition.getFormKey() != null ? definition.getFormKey()
        : definition.getCamundaFormDefinitionKey();
    return key == null ? null : key.getExpressionText();
  }
}
