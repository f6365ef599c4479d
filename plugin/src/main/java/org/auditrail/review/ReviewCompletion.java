package org.auditrail.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.auditrail.ai.AiTaskConfig;
import org.auditrail.capture.DetachedEventLog;
import org.auditrail.capture.FreeText;
import org.auditrail.capture.RunningCommand;
import org.auditrail.capture.TaskEventContext;
import org.auditrail.event.Actor;
import org.auditrail.event.AuditEvent;
import org.auditrail.event.EventContext;
import org.auditrail.event.EventError;
import org.auditrail.event.EventIds;
import org.auditrail.event.EventJson;
import org.auditrail.event.EventType;
import org.auditrail.event.Outcome;
import org.auditrail.store.ContentBlob;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.HistoricProcessInstanceEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;

/**
 * Completes a review of an AI draft, or refuses it. A review that passes the rules is recorded as one
 * {@code human_review} event with the completion: who reviewed (with their groups), when they claimed the task,
 * opened its form and completed it, what the form showed, what they did, the JSON Patch from the draft to what they
 * submitted, and why. A review the rules refuse (no reason for an override, a four-eyes violation, an unknown
 * decision) leaves the task open and is recorded as {@code review_refused}, committed on its own since the
 * completion rolls back.
 */
final class ReviewCompletion implements TaskListener {

  private static final String JSON = "application/json";

  private final DetachedEventLog refusals;
  private final ReviewEvidence evidence;

  ReviewCompletion(DetachedEventLog refusals, ReviewEvidence evidence) {
    this.refusals = refusals;
    this.evidence = evidence;
  }

  @Override
  public void notify(DelegateTask delegateTask) {
    TaskEntity task = (TaskEntity) delegateTask;
    ExecutionEntity execution = task.getExecution();
    ReviewTaskConfig config = (ReviewTaskConfig) execution.getActivity().getProperty(ReviewParseListener.CONFIG);
    RunningCommand command = RunningCommand.current().orElseThrow(() -> new IllegalStateException(
        "a review task completes outside an audited engine command"));
    CommandContext commandContext = Context.getCommandContext();
    String reviewer = commandContext.getAuthenticatedUserId() != null ? commandContext.getAuthenticatedUserId()
        : task.getAssignee();
    List<String> groups = groupsOf(reviewer, commandContext);

    ActivityImpl aiActivity = execution.getProcessDefinition().findActivity(config.aiTask());
    AiTaskConfig ai = (AiTaskConfig) aiActivity.getProperty(AiTaskConfig.ACTIVITY_PROPERTY);
    JsonNode draft = draftOf(execution.getVariable(ai.outputVariable()));
    JsonNode aiDecision = evidence.aiDecision(command.connection(), execution.getProcessInstanceId(),
        config.aiTask());
    Map<String, Object> submitted = new LinkedHashMap<>(execution.getVariables());
    EventContext context = command.contextOf(TaskEventContext.of(task));

    ReviewOutcome outcome;
    try {
      outcome = ReviewOutcome.of(draft, config.draftFields(), submitted, submitted.get(config.decisionField()),
          submitted.get(config.reasonField()));
    } catch (IllegalArgumentException e) {
      throw refuse(command, context, reviewer, groups, null, "invalid_decision", "The review cannot be completed: "
          + e.getMessage() + ". Enter one of them in '" + config.decisionField() + "'.");
    }
    if (outcome.overrides() && outcome.reason() == null) {
      throw refuse(command, context, reviewer, groups, outcome, "reason_missing", "A reason is required: you "
          + describe(outcome) + ". Explain why in '" + config.reasonField() + "', then complete the task again.");
    }
    if (outcome.approves()) {
      String initiator = initiatorOf(execution, commandContext);
      String drafter = drafterOf(aiDecision);
      if (config.fourEyes().contains(ReviewTaskConfig.FourEyesRule.INITIATOR) && reviewer != null
          && reviewer.equals(initiator)) {
        throw refuse(command, context, reviewer, groups, outcome, "four_eyes", "Four-eyes rule: " + reviewer
            + " started this case and may not approve its AI draft. Another reviewer must complete this task.");
      }
      if (config.fourEyes().contains(ReviewTaskConfig.FourEyesRule.DRAFTER) && reviewer != null
          && reviewer.equals(drafter)) {
        throw refuse(command, context, reviewer, groups, outcome, "four_eyes", "Four-eyes rule: " + reviewer
            + " produced this AI draft and may not approve it. Another reviewer must complete this task.");
      }
    }
    record(command, task, execution, context, config, reviewer, groups, outcome, draft, aiDecision);
  }

  private void record(RunningCommand command, TaskEntity task, ExecutionEntity execution, EventContext context,
      ReviewTaskConfig config, String reviewer, List<String> groups, ReviewOutcome outcome, JsonNode draft,
      JsonNode aiDecision) {
    List<ContentBlob> blobs = new ArrayList<>();
    ObjectNode input = EventJson.mapper().createObjectNode();
    input.put("ai_task", config.aiTask());
    input.put("ai_decision_event_id", aiDecision == null ? null : aiDecision.path("event_id").asText());
    ContentBlob draftBlob = ContentBlob.utf8(EventJson.canonical(
        command.freeTextOf(execution.getProcessInstanceId()).json(draft)), JSON);
    blobs.add(draftBlob);
    input.set("draft", draftBlob.reference());
    input.put("form_key", TaskEventContext.formKeyOf(task));
    ArrayNode shown = input.putArray("shown");
    ObjectNode metadata = EventJson.mapper().createObjectNode();
    for (JsonNode view : evidence.taskViews(command.connection(), execution.getActivityInstanceId())) {
      if (view.path("event_type").asText().equals("task_claimed")) {
        metadata.put("claimed_at", view.path("timestamp").asText());
      } else {
        shown.addObject().put("opened_at", view.path("timestamp").asText())
            .put("by", view.path("actor").path("id").asText())
            .set("form", view.path("output").path("form"));
        if (!metadata.has("first_opened_at")) {
          metadata.put("first_opened_at", view.path("timestamp").asText());
        }
      }
    }
    metadata.put("completed_at", EventJson.formatTimestamp(Instant.now()));
    groups.forEach(metadata.putArray("reviewer_groups")::add);
    config.fourEyes().forEach(rule -> metadata.withArray("four_eyes_rules").add(rule.wireName()));

    // The reviewer's words may name the person ("called Ivan Petrov back"), and so may the values they submitted.
    FreeText freeText = command.freeTextOf(execution.getProcessInstanceId());
    ObjectNode output = EventJson.mapper().createObjectNode();
    output.put("action", outcome.action().wireName());
    output.put("reason", freeText.text(outcome.reason()));
    output.set("patch", freeText.json(outcome.patch()));
    outcome.changedFields().forEach(output.putArray("changed_fields")::add);
    output.set("submitted", freeText.json(outcome.submitted()));

    String eventId = EventIds.next();
    AuditEvent event = new AuditEvent(eventId, execution.getRootProcessInstanceId(),
        command.startEventOf(execution.getRootProcessInstanceId(), execution.getActivityInstanceId()), Instant.ofEpochMilli(System.currentTimeMillis()),
        Actor.user(reviewer, null), EventType.HUMAN_REVIEW, context,
        command.snapshotOf(execution.getProcessDefinitionId()), input, output, metadata,
        outcome.action() == ReviewOutcome.Action.ESCALATE ? Outcome.ESCALATED : Outcome.SUCCESS, null);
    command.keep(event, blobs);
  }

  private ReviewRefusedException refuse(RunningCommand command, EventContext context, String reviewer,
      List<String> groups, ReviewOutcome outcome, String code, String message) {
    FreeText freeText = command.freeTextOf(context.processInstanceId());
    ObjectNode output = EventJson.mapper().createObjectNode().put("refused", code)
        .put("message", freeText.text(message));
    if (outcome != null) {
      output.put("action", outcome.action().wireName());
      output.set("patch", freeText.json(outcome.patch()));
    }
    ObjectNode metadata = EventJson.mapper().createObjectNode();
    groups.forEach(metadata.putArray("reviewer_groups")::add);
    String traceId = traceOf(context);
    String parent = command.startEventOf(traceId, context.activityInstanceId());
    AuditEvent event = new AuditEvent(EventIds.next(), traceId, parent,
        Instant.ofEpochMilli(System.currentTimeMillis()), Actor.user(reviewer, null), EventType.REVIEW_REFUSED,
        context, command.snapshotOf(context.processDefinitionId()), null, output, metadata, Outcome.ERROR,
        new EventError(code, freeText.text(message)));
    refusals.appendDetached(event, List.of());
    return new ReviewRefusedException(code, message);
  }

  private static String traceOf(EventContext context) {
    ExecutionEntity execution = Context.getCommandContext().getExecutionManager()
        .findExecutionById(context.processInstanceId());
    return execution == null ? context.processInstanceId() : execution.getRootProcessInstanceId();
  }

  private static String describe(ReviewOutcome outcome) {
    return switch (outcome.action()) {
      case EDIT -> "changed the AI draft (" + String.join(", ", outcome.changedFields()) + ")";
      case REJECT -> "rejected the AI draft";
      case ESCALATE -> "escalated the case";
      case APPROVE -> "approved the AI draft";
    };
  }

  private static JsonNode draftOf(Object value) {
    if (value == null) {
      return EventJson.mapper().createObjectNode();
    }
    try {
      return EventJson.mapper().readTree(value.toString());
    } catch (JsonProcessingException e) {
      return TextNode.valueOf(value.toString());
    }
  }

  private static List<String> groupsOf(String userId, CommandContext commandContext) {
    if (userId == null) {
      return List.of();
    }
    if (userId.equals(commandContext.getAuthenticatedUserId()) && commandContext.getAuthenticatedGroupIds() != null) {
      return commandContext.getAuthenticatedGroupIds().stream().sorted().toList();
    }
    return commandContext.getProcessEngineConfiguration().getIdentityService().createGroupQuery().groupMember(userId)
        .list().stream().map(Group::getId).sorted().toList();
  }

  /** The user who started the case: the root process instance's start user. */
  private static String initiatorOf(ExecutionEntity execution, CommandContext commandContext) {
    HistoricProcessInstanceEntity root = commandContext.getHistoricProcessInstanceManager()
        .findHistoricProcessInstance(execution.getRootProcessInstanceId());
    return root == null ? null : root.getStartUserId();
  }

  /** The user whose action ran the AI task that wrote the draft, if a user did. */
  private static String drafterOf(JsonNode aiDecision) {
    if (aiDecision == null) {
      return null;
    }
    JsonNode trigger = aiDecision.path("metadata").path("auditrail.triggered_by");
    return "user".equals(trigger.path("type").asText()) ? trigger.path("id").asText() : null;
  }
}
