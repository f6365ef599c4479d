package org.auditrail.capture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.auditrail.event.Actor;
import org.auditrail.event.ActorType;
import org.auditrail.event.AuditEvent;
import org.auditrail.event.EventContext;
import org.auditrail.event.EventError;
import org.auditrail.event.EventIds;
import org.auditrail.event.EventJson;
import org.auditrail.store.ContentBlob;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ExternalTaskEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * Records the AI steps an external worker reports about its task as events of the case: children of the task's
 * activity start, with the agent (the worker id) as actor. One engine command checks that the task is locked by that
 * worker and writes all events with it, so that a report is recorded whole or not at all, and a worker can only
 * speak about a task it holds.
 */
public final class WorkerEvents {

  private static final String JSON = "application/json";

  private final ProcessEngine processEngine;

  public WorkerEvents(ProcessEngine processEngine) {
    this.processEngine = processEngine;
  }

  /**
   * @param reportedBy the authenticated user who sent the report
   * @return the ids of the recorded events, in the order given
   * @throws WorkerReportRefusedException when the task is unknown or not locked by that worker now
   */
  public List<String> record(String externalTaskId, String workerId, String reportedBy, List<ReportedEvent> events) {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
    return configuration.getCommandExecutorTxRequired()
        .execute(commandContext -> write(commandContext, externalTaskId, workerId, reportedBy, events));
  }

  private static List<String> write(CommandContext commandContext, String externalTaskId, String workerId,
      String reportedBy, List<ReportedEvent> reported) {
    ExternalTaskEntity task = commandContext.getExternalTaskManager().findExternalTaskById(externalTaskId);
    if (task == null) {
      throw new WorkerReportRefusedException(WorkerReportRefusedException.Reason.UNKNOWN_TASK,
          "no external task '" + externalTaskId + "' exists (it may have been completed already)");
    }
    boolean lockedByWorker = workerId.equals(task.getWorkerId()) && task.getLockExpirationTime() != null
        && task.getLockExpirationTime().after(ClockUtil.getCurrentTime());
    if (!lockedByWorker) {
      throw new WorkerReportRefusedException(WorkerReportRefusedException.Reason.NOT_LOCKED_BY_WORKER,
          "external task '" + externalTaskId + "' is not locked by worker '" + workerId + "'; a worker reports"
              + " only about a task it holds");
    }
    CommandAuditBuffer buffer = commandContext.getSession(CommandAuditBuffer.class);
    RunningCommand running = RunningCommand.current().orElseThrow();
    ExecutionEntity instance = commandContext.getExecutionManager().findExecutionById(task.getProcessInstanceId());
    String traceId = instance == null ? task.getProcessInstanceId() : instance.getRootProcessInstanceId();
    String parentEventId = running.startEventOf(traceId, task.getActivityInstanceId());
    EventContext context = running.contextOf(EventContext.builder()
        .processDefinition(task.getProcessDefinitionId(), task.getProcessDefinitionKey(),
            instance == null ? null : instance.getProcessDefinition().getVersion())
        .processInstanceId(task.getProcessInstanceId())
        .executionId(task.getExecutionId())
        .activity(task.getActivityId(), null, null)
        .activityInstanceId(task.getActivityInstanceId())
        .tenantId(task.getTenantId()));
    FreeText freeText = running.freeTextOf(task.getProcessInstanceId());
    Actor agent = new Actor(ActorType.AGENT, workerId, externalTaskId);
    List<String> ids = new ArrayList<>();
    for (ReportedEvent event : reported) {
      List<ContentBlob> blobs = new ArrayList<>();
      ObjectNode metadata = (ObjectNode) freeText.json(event.metadata());
      metadata = metadata == null ? EventJson.mapper().createObjectNode() : metadata.deepCopy();
      metadata.put("worker_id", workerId).put("external_task_id", externalTaskId).put("topic", task.getTopicName())
          .put("reported_by", reportedBy);
      if (event.reportedAt() != null) {
        metadata.put("reported_at", EventJson.formatTimestamp(event.reportedAt()));
      }
      EventError error = event.error() == null ? null
          : new EventError(event.error().type(), freeText.text(event.error().message()));
      AuditEvent recorded = new AuditEvent(EventIds.next(), traceId, parentEventId, ClockUtil.now().toInstant(),
          agent, event.type(), context, running.snapshotOf(task.getProcessDefinitionId()),
          kept(freeText.json(event.input()), buffer, blobs), kept(freeText.json(event.output()), buffer, blobs),
          metadata, event.outcome(), error);
      buffer.keep(recorded, blobs);
      ids.add(recorded.eventId());
    }
    return ids;
  }

  /**
   * A value too large to inline goes to the content store, and so does every top-level field the worker sent as
   * content ({@code {"content": "...", "media_type": "..."}}: a prompt, a document); the event keeps their hashes.
   */
  private static JsonNode kept(JsonNode value, CommandAuditBuffer buffer, List<ContentBlob> blobs) {
    if (value == null) {
      return null;
    }
    if (value.isObject()) {
      ObjectNode copy = null;
      for (var fields = value.fields(); fields.hasNext(); ) {
        var field = fields.next();
        if (isContent(field.getValue())) {
          copy = copy == null ? value.deepCopy() : copy;
          ContentBlob blob = ContentBlob.utf8(field.getValue().get("content").asText(),
              field.getValue().get("media_type").asText());
          blobs.add(blob);
          copy.set(field.getKey(), blob.reference());
        }
      }
      value = copy == null ? value : copy;
    }
    String json = value.toString();
    if (json.getBytes(StandardCharsets.UTF_8).length <= buffer.inlineLimitBytes()) {
      return value;
    }
    ContentBlob blob = ContentBlob.utf8(json, JSON);
    blobs.add(blob);
    return blob.reference();
  }

  static boolean isContent(JsonNode value) {
    return value.isObject() && value.size() == 2 && value.path("content").isTextual()
        && value.path("media_type").isTextual();
  }
}
