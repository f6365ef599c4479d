package org.auditrail.review;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.auditrail.capture.RunningCommand;
import org.auditrail.capture.TaskEventContext;
import org.auditrail.event.AuditEvent;
import org.auditrail.event.EventContext;
import org.auditrail.event.EventIds;
import org.auditrail.event.EventJson;
import org.auditrail.event.EventType;
import org.auditrail.event.Outcome;
import org.auditrail.store.ContentBlob;
import org.camunda.bpm.engine.impl.cmd.GetTaskFormVariablesCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * Records each time a task's form is loaded (Tasklist, or any client, asks the engine for the task's form
 * variables) as {@code task_form_opened}: who opened it, when, and the SHA-256 of exactly what the form was given to
 * show, kept in the content store. An engine interceptor, so it sees every client the same way.
 */
final class TaskFormOpenings extends CommandInterceptor {

  @Override
  public <T> T execute(Command<T> command) {
    T result = next.execute(command);
    if (command instanceof GetTaskFormVariablesCmd formVariables && result instanceof VariableMap variables) {
      RunningCommand.current().ifPresent(running -> record(running, formVariables.resourceId, variables));
    }
    return result;
  }

  private static void record(RunningCommand command, String taskId, VariableMap variables) {
    TaskEntity task = Context.getCommandContext().getTaskManager().findTaskById(taskId);
    if (task == null || task.getExecution() == null) {
      return;
    }
    ObjectNode shown = EventJson.mapper().createObjectNode();
    for (Map.Entry<String, Object> entry : variables.entrySet()) {
      TypedValue value = variables.getValueTyped(entry.getKey());
      ObjectNode field = shown.putObject(entry.getKey());
      field.put("type", value.getType() == null ? null : value.getType().getName());
      field.set("value", EventJson.mapper().valueToTree(command.protect(task.getProcessDefinitionId(),
          task.getProcessInstanceId(), entry.getKey(), value.getValue())));
    }
    ContentBlob blob = ContentBlob.utf8(EventJson.canonical(shown), "application/json");
    ObjectNode form = blob.reference();
    form.put("form_key", TaskEventContext.formKeyOf(task));
    form.put("fields", variables.size());
    // Names only, so a reader sees which fields were shown (a form's sources, model, prompt version) without the blob.
    variables.keySet().stream().sorted().forEach(form.putArray("field_names")::add);
    ObjectNode output = EventJson.mapper().createObjectNode();
    output.set("form", form);
    EventContext context = command.contextOf(TaskEventContext.of(task));
    String traceId = task.getExecution().getRootProcessInstanceId();
    AuditEvent event = new AuditEvent(EventIds.next(), traceId, command.startEventOf(traceId, context.activityInstanceId()), Instant.ofEpochMilli(System.currentTimeMillis()),
        command.actor(), EventType.TASK_FORM_OPENED, context, command.snapshotOf(task.getProcessDefinitionId()),
        null, output, null, Outcome.SUCCESS, null);
    command.keep(event, List.of(blob));
  }
}
