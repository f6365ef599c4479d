package org.auditrail.capture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.auditrail.event.EventContext;
import org.auditrail.event.EventError;
import org.auditrail.event.EventJson;
import org.auditrail.event.EventType;
import org.auditrail.event.JsonNumbers;
import org.auditrail.event.Outcome;
import org.auditrail.store.ContentBlob;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.impl.cmd.CompleteExternalTaskCmd;
import org.camunda.bpm.engine.impl.cmd.ExtendLockOnExternalTaskCmd;
import org.camunda.bpm.engine.impl.cmd.ExternalTaskCmd;
import org.camunda.bpm.engine.impl.cmd.FetchExternalTasksCmd;
import org.camunda.bpm.engine.impl.cmd.HandleExternalTaskBpmnErrorCmd;
import org.camunda.bpm.engine.impl.cmd.HandleExternalTaskFailureCmd;
import org.camunda.bpm.engine.impl.cmd.UnlockExternalTaskCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ExternalTaskEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * Records what workers do with external tasks. Camunda writes no history event for a lock, an extension or an
 * unlock, and the ones it writes for the rest name no worker; so this interceptor, placed after the engine's command
 * context, observes the external task commands themselves and buffers their events in the command, where they
 * commit or roll back with it. A completion, failure or BPMN error is recorded before the engine carries it out,
 * so that it comes before the activity's end in the trail; a refused command (wrong worker, no such task) rolls its
 * event back with it.
 */
final class ExternalTaskRecorder extends CommandInterceptor {

  private static final String TEXT = "text/plain; charset=utf-8";

  private final AuditRecorder recorder;

  ExternalTaskRecorder(AuditRecorder recorder) {
    this.recorder = recorder;
  }

  @Override
  public <T> T execute(Command<T> command) {
    if (command instanceof FetchExternalTasksCmd) {
      T result = next.execute(command);
      locked(result);
      return result;
    }
    if (!(command instanceof ExternalTaskCmd) || Context.getCommandContext() == null) {
      return next.execute(command);
    }
    ExternalTaskEntity task = Context.getCommandContext().getExternalTaskManager()
        .findExternalTaskById(CommandFields.read(command, "externalTaskId"));
    if (task == null) {
      return next.execute(command); // the engine refuses the command itself
    }
    TaskState before = TaskState.of(task);
    if (command instanceof CompleteExternalTaskCmd) {
      record(before, EventType.EXTERNAL_TASK_COMPLETED, CommandFields.read(command, "workerId"), event -> {
        ObjectNode input = EventJson.mapper().createObjectNode();
        input.set("variables", variables(before, CommandFields.read(command, "variables")));
        input.set("local_variables", variables(before, CommandFields.read(command, "localVariables")));
        event.input = input;
      });
    } else if (command instanceof HandleExternalTaskFailureCmd) {
      record(before, EventType.EXTERNAL_TASK_FAILED, CommandFields.read(command, "workerId"),
          event -> failed(event, before, command));
    } else if (command instanceof HandleExternalTaskBpmnErrorCmd) {
      record(before, EventType.EXTERNAL_TASK_BPMN_ERROR, CommandFields.read(command, "workerId"), event -> {
        FreeText freeText = new FreeText(recorder.personalData(), before.processInstanceId);
        String message = freeText.text(CommandFields.<String>read(command, "errorMessage"));
        ObjectNode input = EventJson.mapper().createObjectNode()
            .put("error_code", CommandFields.<String>read(command, "errorCode"))
            .put("error_message", message);
        input.set("variables", variables(before, CommandFields.read(command, "variables")));
        event.input = input;
        event.outcome = Outcome.ESCALATED;
      });
    }
    T result = next.execute(command);
    if (command instanceof ExtendLockOnExternalTaskCmd) {
      record(before, EventType.EXTERNAL_TASK_LOCK_EXTENDED, before.workerId, event -> event.output =
          EventJson.mapper().createObjectNode()
              .put("previous_lock_expiration_time", timestamp(before.lockExpiration))
              .put("lock_expiration_time", timestamp(task.getLockExpirationTime())));
    } else if (command instanceof UnlockExternalTaskCmd) {
      record(before, EventType.EXTERNAL_TASK_UNLOCKED, before.workerId, event -> event.output =
          EventJson.mapper().createObjectNode()
              .put("previous_lock_expiration_time", timestamp(before.lockExpiration)));
    }
    return result;
  }

  private void locked(Object result) {
    if (!(result instanceof List<?> tasks)) {
      return;
    }
    for (Object element : tasks) {
      if (element instanceof LockedExternalTask task) {
        TaskState state = new TaskState(task.getId(), task.getTopicName(), task.getWorkerId(),
            task.getLockExpirationTime(), task.getProcessDefinitionId(), task.getProcessDefinitionKey(),
            task.getProcessInstanceId(), task.getExecutionId(), task.getActivityId(), task.getActivityInstanceId(),
            task.getTenantId());
        record(state, EventType.EXTERNAL_TASK_LOCKED, task.getWorkerId(), event -> {
          ObjectNode output = EventJson.mapper().createObjectNode()
              .put("lock_expiration_time", timestamp(task.getLockExpirationTime()));
          output.set("retries", task.getRetries() == null ? NullNode.getInstance()
              : JsonNumbers.of(task.getRetries().longValue()));
          ArrayNode names = output.putArray("variables_fetched");
          if (task.getVariables() != null) {
            task.getVariables().keySet().stream().sorted().forEach(names::add);
          }
          event.output = output;
        });
      }
    }
  }

  private void failed(PendingEvent event, TaskState task, Command<?> command) {
    FreeText freeText = new FreeText(recorder.personalData(), task.processInstanceId);
    String message = freeText.text(CommandFields.<String>read(command, "errorMessage"));
    String details = CommandFields.read(command, "errorDetails");
    int retries = CommandFields.<Integer>read(command, "retries");
    long retryTimeout = CommandFields.<Long>read(command, "retryDuration");
    ObjectNode input = EventJson.mapper().createObjectNode().put("error_message", message);
    if (details != null) {
      // Stack traces and worker logs are long and may quote the case: redacted, and kept by hash.
      input.set("error_details", recorder.buffer("external task failure")
          .store(ContentBlob.utf8(freeText.text(details), TEXT)));
    }
    input.put("retries_left", retries).put("retry_timeout_ms", retryTimeout);
    input.set("variables", variables(task, CommandFields.read(command, "variables")));
    input.set("local_variables", variables(task, CommandFields.read(command, "localVariables")));
    event.input = input;
    event.outcome = Outcome.ERROR;
    event.error = new EventError("external_task_failure", message);
  }

  private void record(TaskState task, EventType type, String workerId, Consumer<PendingEvent> filler) {
    CommandContext commandContext = Context.getCommandContext();
    EventContext.Builder context = EventContext.builder()
        .processDefinition(task.processDefinitionId, task.processDefinitionKey,
            versionOf(task.processDefinitionId, commandContext))
        .processInstanceId(task.processInstanceId)
        .executionId(task.executionId)
        .activity(task.activityId, null, null)
        .activityInstanceId(task.activityInstanceId)
        .tenantId(task.tenantId);
    recorder.record("external task " + task.id, type, context, event -> {
      event.traceId = rootOf(task.processInstanceId, commandContext);
      event.parentScope = task.activityInstanceId;
      event.metadata().put("worker_id", workerId).put("external_task_id", task.id).put("topic", task.topic);
      filler.accept(event);
    });
  }

  /** Submitted variables as the trail may hold them: personal values as tokens, text with the case's redacted. */
  private JsonNode variables(TaskState task, Map<String, Object> submitted) {
    ObjectNode variables = EventJson.mapper().createObjectNode();
    if (submitted == null) {
      return variables;
    }
    PersonalValues personal = new PersonalValues(recorder.personalData(), task.processDefinitionId,
        task.processInstanceId);
    submitted.forEach((name, raw) -> {
      Object value = raw instanceof TypedValue typed ? typed.getValue() : raw;
      Object kept = personal.protect(name, value);
      if (kept == null || kept instanceof Boolean) {
        variables.set(name, EventJson.mapper().valueToTree(kept));
      } else if (kept instanceof Double || kept instanceof Float) {
        variables.set(name, JsonNumbers.of(((Number) kept).doubleValue()));
      } else if (kept instanceof Long || kept instanceof Integer || kept instanceof Short) {
        variables.set(name, JsonNumbers.of(((Number) kept).longValue()));
      } else {
        variables.put(name, kept.toString());
      }
    });
    return variables;
  }

  private static Integer versionOf(String processDefinitionId, CommandContext commandContext) {
    if (processDefinitionId == null) {
      return null;
    }
    ProcessDefinitionEntity definition = commandContext.getProcessEngineConfiguration().getDeploymentCache()
        .findDeployedProcessDefinitionById(processDefinitionId);
    return definition == null ? null : definition.getVersion();
  }

  private static String rootOf(String processInstanceId, CommandContext commandContext) {
    ExecutionEntity instance = processInstanceId == null ? null
        : commandContext.getExecutionManager().findExecutionById(processInstanceId);
    return instance == null ? processInstanceId : instance.getRootProcessInstanceId();
  }

  private static String timestamp(Date date) {
    return date == null ? null : EventJson.formatTimestamp(date.toInstant());
  }

  /** The task as it was before the command changed it (an unlock clears the worker, a completion deletes it). */
  private record TaskState(String id, String topic, String workerId, Date lockExpiration, String processDefinitionId,
      String processDefinitionKey, String processInstanceId, String executionId, String activityId,
      String activityInstanceId, String tenantId) {

    static TaskState of(ExternalTaskEntity task) {
      return new TaskState(task.getId(), task.getTopicName(), task.getWorkerId(), task.getLockExpirationTime(),
          task.getProcessDefinitionId(), task.getProcessDefinitionKey(), task.getProcessInstanceId(),
          task.getExecutionId(), task.getActivityId(), task.getActivityInstanceId(), task.getTenantId());
    }
  }
}
