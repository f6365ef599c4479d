package org.auditrail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.data.message.AiMessage;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.auditrail.ai.ResponderRule;
import org.auditrail.review.ReviewRefusedException;
import org.auditrail.review.ReviewStatistics;
import org.auditrail.testapp.AuditTestApplication;
import org.auditrail.trail.AuditTrail;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Human review of AI drafts on the real engine: what a review records, the rules that refuse a completion, and the
 * override statistics. The draft comes from a real AI task on the offline rule-based responder. Run against every
 * supported database by its subclasses.
 */
@SpringBootTest(classes = {AuditTestApplication.class, ReviewTaskContract.DraftRule.class}, properties = {
    "audit.ai.models.draft-model.provider=offline",
    "audit.ai.models.draft-model.model-id=auditrail-rule-based-responder-v1",
    "audit.ai.models.draft-model.approved-for=reviewCase,reviewDrafter",
    "audit.ai.models.draft-model.validation-status=approved"})
abstract class ReviewTaskContract {

  static final String DRAFT = "{\"riskScore\": 72, \"riskLevel\": \"high\", \"riskRationale\": \"Unverified vendor\"}";

  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired FormService formService;
  @Autowired RepositoryService repositoryService;
  @Autowired IdentityService identityService;
  @Autowired AuditTrail auditTrail;
  @Autowired ReviewStatistics statistics;

  @AfterEach
  void signOut() {
    identityService.clearAuthentication();
  }

  @Test
  void anEditedDraftIsRecordedWithReviewerGroupsTimesWhatTheFormShowedThePatchAndTheReason() {
    deploy("reviewCase", "initiator,drafter");
    ProcessInstance instance = start("reviewCase", "ivan");
    Task task = reviewTask(instance);
    as("mary", "reviewers", "kyc-team");
    taskService.claim(task.getId(), "mary");
    Map<String, Object> shown = formService.getTaskFormVariables(task.getId());
    assertThat(shown).containsEntry("riskLevel", "high");
    formService.submitTaskForm(task.getId(), Map.of("riskLevel", "medium", "decision", "approve",
        "reviewReason", "Vendor verified by phone"));

    RecordedTrail trail = RecordedTrail.of(auditTrail, instance.getId());
    JsonNode review = trail.single("human_review");
    assertThat(review.path("actor").path("id").asText()).isEqualTo("mary");
    assertThat(review.path("parent_event_id").asText())
        .isEqualTo(trail.single("activity_started", "review").path("event_id").asText());
    assertThat(review.path("output").path("action").asText()).isEqualTo("edit");
    assertThat(review.path("output").path("reason").asText()).isEqualTo("Vendor verified by phone");
    assertThat(review.path("output").path("patch").toString())
        .isEqualTo("[{\"fromValue\":\"high\",\"op\":\"replace\",\"path\":\"/riskLevel\",\"value\":\"medium\"}]");
    assertThat(review.path("output").path("changed_fields").toString()).isEqualTo("[\"riskLevel\"]");
    assertThat(review.path("metadata").path("reviewer_groups").toString()).isEqualTo("[\"kyc-team\",\"reviewers\"]");
    JsonNode opened = trail.single("task_form_opened");
    assertThat(opened.path("actor").path("id").asText()).isEqualTo("mary");
    assertThat(review.path("input").path("shown").get(0).path("form").path("content_sha256").asText())
        .isEqualTo(opened.path("output").path("form").path("content_sha256").asText());
    assertThat(review.path("metadata").path("first_opened_at").asText()).isEqualTo(opened.path("timestamp").asText());
    assertThat(review.path("metadata").path("claimed_at").asText())
        .isEqualTo(trail.single("task_claimed").path("timestamp").asText());
    assertThat(Instant.parse(review.path("metadata").path("completed_at").asText()))
        .isAfterOrEqualTo(Instant.parse(opened.path("timestamp").asText()));
    assertThat(review.path("input").path("ai_decision_event_id").asText())
        .isEqualTo(trail.single("decision").path("event_id").asText());
    assertThat(review.path("input").path("draft").path("content_sha256").asText()).hasSize(64);
    assertThat(trail.single("task_completed").path("actor").path("id").asText()).isEqualTo("mary");
  }

  @Test
  void eachFormOpeningNamesTheFieldsShownAndItsHashCoversWhatTheDraftRestsOn() {
    deploy("reviewCase", "initiator,drafter");
    ProcessInstance instance = start("reviewCase", "ivan");
    Task task = reviewTask(instance);
    as("mary", "reviewers");
    formService.getTaskFormVariables(task.getId());
    formService.getTaskFormVariables(task.getId());
    runtimeService.setVariable(instance.getId(), "draftEvidenceSources",
        "1. policy-unverified-vendors.md (score 0.91)\nA vendor whose bank details are not verified is not paid.");
    formService.getTaskFormVariables(task.getId());

    List<JsonNode> opened = RecordedTrail.of(auditTrail, instance.getId()).ofType("task_form_opened");
    assertThat(opened).hasSize(3);
    JsonNode form = opened.get(0).path("output").path("form");
    assertThat(form.path("field_names").toString()).isEqualTo("[\"amount\",\"decision\",\"draftEvidenceModel\","
        + "\"draftEvidencePrompt\",\"draftEvidenceSources\",\"draftEvidenceTools\",\"invoiceNumber\","
        + "\"reviewReason\",\"riskAssessment\",\"riskLevel\",\"riskRationale\",\"riskScore\",\"vendorId\"]");
    assertThat(form.path("fields").asInt()).isEqualTo(13);
    String shown = shown(form);
    assertThat(shown).contains("\"draftEvidenceModel\":{\"type\":\"string\","
        + "\"value\":\"draft-model: auditrail-rule-based-responder-v1 (offline)\"}")
        .contains("\"draftEvidencePrompt\":{\"type\":\"string\",\"value\":\"risk-rating 1.0.0\"}")
        .contains("\"draftEvidenceSources\":{\"type\":\"string\",\"value\":\"none retrieved\"}");
    // The same form shown again has the same hash; a changed source changes it.
    assertThat(opened.get(1).path("output").path("form").path("content_sha256").asText())
        .isEqualTo(form.path("content_sha256").asText());
    JsonNode changed = opened.get(2).path("output").path("form");
    assertThat(changed.path("content_sha256").asText()).isNotEqualTo(form.path("content_sha256").asText());
    assertThat(shown(changed)).isEqualTo(shown.replace("none retrieved",
        "1. policy-unverified-vendors.md (score 0.91)\\nA vendor whose bank details are not verified is not paid."));
  }

  private String shown(JsonNode form) {
    return new String(auditTrail.content(form.path("content_sha256").asText()).orElseThrow().content(),
        java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  void anOverrideWithoutAReasonIsRefusedAndNothingIsRecordedAsApproved() {
    deploy("reviewCase", "initiator,drafter");
    ProcessInstance instance = start("reviewCase", "ivan");
    Task task = reviewTask(instance);
    as("mary", "reviewers");

    assertThatThrownBy(() -> formService.submitTaskForm(task.getId(), Map.of("riskScore", 40L,
        "decision", "approve")))
        .isInstanceOf(ReviewRefusedException.class)
        .hasMessage("A reason is required: you changed the AI draft (riskScore). Explain why in 'reviewReason',"
            + " then complete the task again.");
    assertThatThrownBy(() -> taskService.complete(task.getId(), Map.of("decision", "reject")))
        .hasMessage("A reason is required: you rejected the AI draft. Explain why in 'reviewReason', then complete"
            + " the task again.");
    assertThatThrownBy(() -> taskService.complete(task.getId(), Map.of("decision", "maybe")))
        .hasMessage("The review cannot be completed: the decision 'maybe' is not one of approve, reject,"
            + " escalate. Enter one of them in 'decision'.");

    assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).isEqualTo(1);
    assertThat(runtimeService.getVariable(instance.getId(), "riskScore")).isEqualTo(72L);
    RecordedTrail trail = RecordedTrail.of(auditTrail, instance.getId());
    assertThat(trail.ofType("human_review")).isEmpty();
    assertThat(trail.ofType("task_completed")).isEmpty();
    List<JsonNode> refused = trail.ofType("review_refused");
    assertThat(refused).extracting(event -> event.path("output").path("refused").asText())
        .containsExactly("reason_missing", "reason_missing", "invalid_decision");
    assertThat(refused.get(0).path("actor").path("id").asText()).isEqualTo("mary");
    assertThat(refused.get(0).path("outcome").asText()).isEqualTo("error");
    assertThat(refused.get(0).path("output").path("patch").get(0).path("path").asText()).isEqualTo("/riskScore");
  }

  @Test
  void fourEyesKeepTheInitiatorAndTheDrafterFromApproving() {
    deploy("reviewCase", "initiator,drafter");
    ProcessInstance started = start("reviewCase", "ivan");
    as("ivan", "reviewers");
    Task task = reviewTask(started);
    assertThatThrownBy(() -> taskService.complete(task.getId(), Map.of("decision", "approve")))
        .isInstanceOf(ReviewRefusedException.class)
        .hasMessage("Four-eyes rule: ivan started this case and may not approve its AI draft. Another reviewer"
            + " must complete this task.");
    taskService.complete(task.getId(), Map.of("decision", "reject", "reviewReason", "Not my call; sending back"));
    assertThat(RecordedTrail.of(auditTrail, started.getId()).single("human_review").path("output").path("action")
        .asText()).isEqualTo("reject");

    deploy("reviewDrafter", "drafter");
    ProcessInstance drafted = start("reviewDrafter", "dora");
    as("dora", "reviewers");
    Task draftersTask = reviewTask(drafted);
    assertThatThrownBy(() -> taskService.complete(draftersTask.getId(), Map.of("decision", "approve")))
        .hasMessage("Four-eyes rule: dora produced this AI draft and may not approve it. Another reviewer must"
            + " complete this task.");
    RecordedTrail trail = RecordedTrail.of(auditTrail, drafted.getId());
    assertThat(trail.single("review_refused").path("error").path("type").asText()).isEqualTo("four_eyes");
    assertThat(trail.single("decision").path("metadata").path("auditrail.triggered_by").path("id").asText())
        .isEqualTo("dora");
    assertThat(trail.ofType("human_review")).isEmpty();
  }

  @Test
  void overrideStatisticsCountReviewsPerTaskAndField() {
    Instant from = Instant.now();
    deploy("reviewCase", "initiator,drafter");
    complete(start("reviewCase", "ivan"), Map.of("decision", "approve"));
    complete(start("reviewCase", "ivan"), Map.of("decision", "approve", "riskLevel", "medium",
        "reviewReason", "Known vendor"));
    complete(start("reviewCase", "ivan"), Map.of("decision", "approve", "riskLevel", "low", "riskScore", 20L,
        "reviewReason", "Verified"));
    complete(start("reviewCase", "ivan"), Map.of("decision", "escalate", "reviewReason", "Needs compliance"));

    JsonNode stats = statistics.of(from, null, "reviewCase");
    assertThat(stats.path("tasks")).hasSize(1);
    JsonNode task = stats.path("tasks").get(0);
    assertThat(task.path("task").asText()).isEqualTo("review");
    assertThat(task.path("reviews").asInt()).isEqualTo(4);
    assertThat(task.path("approved_unchanged").asInt()).isEqualTo(1);
    assertThat(task.path("edited").asInt()).isEqualTo(2);
    assertThat(task.path("escalated").asInt()).isEqualTo(1);
    assertThat(task.path("rejected").asInt()).isZero();
    assertThat(task.path("override_rate").asDouble()).isEqualTo(0.75);
    assertThat(task.path("most_changed_fields").toString()).isEqualTo("[\"riskLevel\",\"riskScore\"]");
    assertThat(task.path("fields").toString()).isEqualTo("[{\"field\":\"riskLevel\",\"changes\":2,"
        + "\"change_rate\":0.5},{\"field\":\"riskScore\",\"changes\":1,\"change_rate\":0.25}]");
    assertThat(statistics.of(from, null, "noSuchProcess").path("tasks")).isEmpty();
  }

  @Test
  void aReviewTaskMustNameAnAiTaskOfItsProcessAndItsFields() {
    assertThatThrownBy(() -> repositoryService.createDeployment().addString("bad.bpmn", ReviewProcesses.xml(
        "reviewCase", Map.of("review.ai-task", "start", "review.decision-field", "decision",
            "review.reason-field", "reviewReason"))).deploy())
        .isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("Review task 'review' in process 'reviewCase': review.ai-task: 'start' is not an AI"
            + " task of this process");
    assertThatThrownBy(() -> repositoryService.createDeployment().addString("bad.bpmn", ReviewProcesses.xml(
        "reviewCase", Map.of("review.ai-task", "draft", "review.four-eyes", "everyone"))).deploy())
        .hasMessageContaining("review.decision-field is missing; review.reason-field is missing;"
            + " review.four-eyes 'everyone' is not one of initiator, drafter, none");
  }

  private void complete(ProcessInstance instance, Map<String, Object> variables) {
    as("mary", "reviewers");
    taskService.complete(reviewTask(instance).getId(), variables);
  }

  private void deploy(String key, String fourEyes) {
    Map<String, String> review = new LinkedHashMap<>();
    review.put("review.ai-task", "draft");
    review.put("review.draft-fields", "riskScore,riskLevel");
    review.put("review.decision-field", "decision");
    review.put("review.reason-field", "reviewReason");
    review.put("review.four-eyes", fourEyes);
    repositoryService.createDeployment().addString(key + ".bpmn", ReviewProcesses.xml(key, review)).deploy();
  }

  private ProcessInstance start(String key, String user) {
    as(user, "reviewers");
    try {
      return runtimeService.startProcessInstanceByKey(key, Variables.createVariables()
          .putValue("invoiceNumber", "INV-9").putValue("vendorId", "V-9").putValue("amount", 9100));
    } finally {
      identityService.clearAuthentication();
    }
  }

  private Task reviewTask(ProcessInstance instance) {
    return taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();
  }

  private void as(String user, String... groups) {
    identityService.setAuthentication(user, List.of(groups));
  }

  /** The offline responder's answer to the test's prompt: always the same draft. */
  @TestConfiguration(proxyBeanMethods = false)
  static class DraftRule {
    @Bean
    ResponderRule reviewDraftRule() {
      return request -> Optional.of(AiMessage.from(DRAFT));
    }
  }
}
