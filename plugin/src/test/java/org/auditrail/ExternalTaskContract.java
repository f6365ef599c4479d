package org.auditrail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.auditrail.seal.LogVerification;
import org.auditrail.seal.Sequencer;
import org.auditrail.testapp.AuditTestApplication;
import org.auditrail.trail.AuditTrail;
import org.auditrail.worker.WorkerAuditLog;
import org.auditrail.worker.WorkerReports;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * External tasks on the real engine: every lock, extension, failure, unlock, BPMN error and completion is an event
 * of the task's activity, attributed to the user who called the engine with the worker id beside; the worker's own
 * model and tool calls come in over real HTTP through the ingestion API, accepted only from a worker group member
 * who holds the lock, and only whole. Run on every database by its subclasses.
 */
@SpringBootTest(classes = AuditTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
        "audit.privacy.personal-variables=applicantName",
        "audit.privacy.master-key-file=target/test-keys/privacy-${random.uuid}"})
abstract class ExternalTaskContract {

  static final String TOPIC = "credit-scoring";
  static final String NAME = "Ivan Petrovich Sidorov";
  static final String MODEL = "gpt-4o-mini-2024-07-18";
  static final LocalOpenAiServer PROVIDER = startProvider();

  @Autowired RuntimeService runtimeService;
  @Autowired RepositoryService repositoryService;
  @Autowired ExternalTaskService externalTaskService;
  @Autowired IdentityService identityService;
  @Autowired AuditTrail auditTrail;
  @Autowired Sequencer sequencer;
  @Autowired LogVerification verification;
  @LocalServerPort int port;

  @BeforeEach
  void usersAndProcess() {
    if (identityService.createUserQuery().userId("wanda").count() == 0) {
      user("wanda", "workers");
      user("audra", "auditors");
      repositoryService.createDeployment().addString("scoring.bpmn", PROCESS).deploy();
    }
  }

  @Test
  void aWorkersLockExtensionFailureRetryAndCompletionWithItsModelAndToolCallsAreOneLinkedTrail() throws Exception {
    ProcessInstance instance = runtimeService.startProcessInstanceByKey("scoring", "loan-4711",
        Map.of("amount", 5000L, "segment", "retail", "applicantName", NAME));
    String taskId = asWanda(() -> {
      LockedExternalTask task = fetch(instance, "worker-1");
      externalTaskService.extendLock(task.getId(), "worker-1", 120_000L);
      externalTaskService.handleFailure(task.getId(), "worker-1", "Scoring service timed out for " + NAME,
          "java.net.SocketTimeoutException: Read timed out scoring " + NAME + "\n\tat ScoringClient.score", 1, 0L);
      return fetch(instance, "worker-1").getId();
    });

    HttpResponse<String> accepted = report(taskId, "wanda", REPORT.formatted("worker-1"));
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(201);

    HttpResponse<String> otherWorker = report(taskId, "wanda", REPORT.formatted("worker-2"));
    assertThat(otherWorker.statusCode()).isEqualTo(409);
    JsonNode conflict = RecordedTrail.parse(otherWorker.body());
    assertThat(conflict.path("code").asText()).isEqualTo("not_locked_by_worker");
    assertThat(conflict.path("detail").asText()).isEqualTo("external task '" + taskId + "' is not locked by worker"
        + " 'worker-2'; a worker reports only about a task it holds");

    HttpResponse<String> invalid = report(taskId, "wanda", """
        {"workerId": "worker-1", "events": [
          {"event_type": "model_call", "metadata": {"gen_ai.request.model": "gpt-4o"}},
          {"event_type": "process_started", "parent_event_id": "x", "outcome": "fine",
           "metadata": {"worker_id": "w"}, "timestamp": "yesterday"}]}""");
    assertThat(invalid.statusCode()).isEqualTo(400);
    JsonNode problems = RecordedTrail.parse(invalid.body()).path("problems");
    assertThat(problems.findValuesAsText("field")).containsExactly("events[1].parent_event_id",
        "events[1].event_type", "events[1].metadata.worker_id", "events[1].outcome", "events[1].timestamp");
    assertThat(problems.get(1).path("detail").asText()).isEqualTo("must be one of [decision, model_call,"
        + " retrieval, tool_call, tool_result], but was: \"process_started\"");

    HttpResponse<String> notAWorker = report(taskId, "audra", REPORT.formatted("worker-1"));
    assertThat(notAWorker.statusCode()).isEqualTo(403);
    assertThat(RecordedTrail.parse(notAWorker.body()).path("detail").asText())
        .isEqualTo("user 'audra' is not a member of any of the groups [workers, camunda-admin] allowed to use this API");

    asWanda(() -> {
      externalTaskService.complete(taskId, "worker-1", Map.of("score", 72L, "rationale", "stable income",
          "applicantName", NAME));
      return null;
    });

    RecordedTrail trail = RecordedTrail.of(auditTrail, instance.getId());
    List<JsonNode> steps = trail.where(event -> event.path("context").path("activity_id").asText().equals("score"));
    assertThat(steps.stream().map(event -> event.path("event_type").asText()).toList()).containsExactly(
        "activity_started", "external_task_locked", "external_task_lock_extended", "external_task_failed",
        "external_task_locked", "model_call", "tool_call", "external_task_completed", "activity_completed");
    String start = steps.get(0).path("event_id").asText();
    for (JsonNode step : steps.subList(1, steps.size())) {
      assertThat(step.path("parent_event_id").asText()).as(step.path("event_type").asText()).isEqualTo(start);
      assertThat(step.path("metadata").path("worker_id").asText()).isEqualTo(
          step.path("event_type").asText().startsWith("activity_") ? "" : "worker-1");
    }
    JsonNode locked = steps.get(1);
    assertThat(locked.path("actor").path("id").asText()).isEqualTo("wanda");
    assertThat(locked.path("metadata").path("topic").asText()).isEqualTo(TOPIC);
    assertThat(locked.path("output").path("variables_fetched").toString()).isEqualTo("[\"amount\"]");
    assertThat(locked.path("output").path("lock_expiration_time").asText()).isNotEmpty();
    JsonNode failed = steps.get(3);
    assertThat(failed.path("outcome").asText()).isEqualTo("error");
    assertThat(failed.path("input").path("error_message").asText())
        .matches("Scoring service timed out for applicantName_T[0-9a-f]+");
    assertThat(failed.path("input").path("retries_left").asInt()).isEqualTo(1);
    assertThat(text(failed.path("input").path("error_details")))
        .matches("(?s)java.net.SocketTimeoutException: Read timed out scoring applicantName_T[0-9a-f]+\n.*");
    JsonNode modelCall = steps.get(5);
    assertThat(modelCall.path("actor").path("type").asText()).isEqualTo("agent");
    assertThat(modelCall.path("actor").path("id").asText()).isEqualTo("worker-1");
    assertThat(modelCall.path("metadata").path("reported_by").asText()).isEqualTo("wanda");
    assertThat(modelCall.path("metadata").path("gen_ai.request.model").asText()).isEqualTo("gpt-4o-mini");
    assertThat(modelCall.path("output").path("text").asText()).isEqualTo("Score 72: stable income");
    assertThat(modelCall.path("output").path("applicant").asText()).matches("applicantName_T[0-9a-f]+");
    assertThat(text(modelCall.path("input").path("prompt")))
        .isEqualTo("Score the applicant: amount 5000, segment retail");
    assertThat(steps.get(6).path("metadata").path("gen_ai.tool.name").asText()).isEqualTo("lookupIncome");
    JsonNode completed = steps.get(7);
    assertThat(completed.path("input").path("variables").path("applicantName").asText())
        .matches("applicantName_T[0-9a-f]+");
    assertThat(completed.path("input").path("variables").path("score").asLong()).isEqualTo(72L);
    assertThat(completed.path("input").path("variables").path("rationale").asText()).isEqualTo("stable income");
    assertThat(trail.events().toString()).as("the trail never holds the name in clear").doesNotContain(NAME);
    assertThat(trail.ofType("model_call")).as("only the accepted report was recorded").hasSize(1);

    sequencer.sealOnce(true);
    assertThat(verification.run().verified()).as(verification.run().summary()).isTrue();
  }

  @Test
  void anUnlockAndABpmnErrorAreRecordedWithTheWorkerThatHeldTheTask() {
    ProcessInstance instance = runtimeService.startProcessInstanceByKey("scoring", "loan-4712",
        Map.of("amount", 900L));
    asWanda(() -> {
      String taskId = fetch(instance, "worker-7").getId();
      externalTaskService.unlock(taskId);
      fetch(instance, "worker-8");
      externalTaskService.handleBpmnError(taskId, "worker-8", "NO_SCORE", "Applicant unknown to the bureau");
      return null;
    });

    RecordedTrail trail = RecordedTrail.of(auditTrail, instance.getId());
    JsonNode unlocked = trail.single("external_task_unlocked");
    assertThat(unlocked.path("metadata").path("worker_id").asText()).isEqualTo("worker-7");
    assertThat(unlocked.path("actor").path("id").asText()).isEqualTo("wanda");
    JsonNode error = trail.single("external_task_bpmn_error");
    assertThat(error.path("metadata").path("worker_id").asText()).isEqualTo("worker-8");
    assertThat(error.path("input").path("error_code").asText()).isEqualTo("NO_SCORE");
    assertThat(error.path("input").path("error_message").asText()).isEqualTo("Applicant unknown to the bureau");
    assertThat(error.path("parent_event_id").asText())
        .isEqualTo(trail.single("activity_started", "score").path("event_id").asText());
  }

  @Test
  void aJavaWorkerRecordsItsModelAndToolCallsWithTheLangChain4jListenerAndReportsThemBeforeCompleting()
      throws Exception {
    ProcessInstance instance = runtimeService.startProcessInstanceByKey("scoring", "loan-4713",
        Map.of("amount", 12000L));
    LockedExternalTask task = asWanda(() -> fetch(instance, "java-worker"));
    WorkerAuditLog log = new WorkerAuditLog(task.getId(), task.getWorkerId(), "openai");
    PROVIDER.enqueue(LocalOpenAiServer.text(MODEL, "Score 55", 30, 4));
    ChatModel model = OpenAiChatModel.builder().baseUrl(PROVIDER.baseUrl()).apiKey("test-key").modelName(MODEL)
        .listeners(List.of(log)).build();
    String answer = model.chat("Score the applicant asking for 12000");
    ToolExecutionRequest lookup = ToolExecutionRequest.builder().id("call_9").name("lookupIncome")
        .arguments("{\"customer\":\"loan-4713\"}").build();
    log.toolCalled(lookup);
    log.toolReturned(lookup, "income 4200 per month", false);

    List<String> ids = new WorkerReports(URI.create("http://127.0.0.1:" + port), "wanda", "wanda-secret").send(log);
    assertThat(ids).hasSize(3);
    asWanda(() -> {
      externalTaskService.complete(task.getId(), "java-worker", Map.of("score", 55L));
      return null;
    });

    RecordedTrail trail = RecordedTrail.of(auditTrail, instance.getId());
    JsonNode modelCall = trail.single("model_call");
    assertThat(answer).isEqualTo("Score 55");
    assertThat(modelCall.path("event_id").asText()).isEqualTo(ids.get(0));
    assertThat(modelCall.path("actor").path("id").asText()).isEqualTo("java-worker");
    assertThat(modelCall.path("parent_event_id").asText())
        .isEqualTo(trail.single("activity_started", "score").path("event_id").asText());
    assertThat(modelCall.path("metadata").path("gen_ai.request.model").asText()).isEqualTo(MODEL);
    assertThat(modelCall.path("metadata").path("gen_ai.response.model").asText()).isEqualTo(MODEL);
    assertThat(modelCall.path("metadata").path("gen_ai.usage.input_tokens").asInt()).isEqualTo(30);
    assertThat(modelCall.path("input").path("message_count").asInt()).isEqualTo(1);
    assertThat(text(modelCall.path("input").path("messages"))).contains("Score the applicant asking for 12000");
    assertThat(text(modelCall.path("output").path("message"))).contains("Score 55");
    assertThat(text(trail.single("tool_result").path("output").path("result"))).isEqualTo("income 4200 per month");
    assertThat(trail.single("tool_call").path("metadata").path("gen_ai.tool.call.id").asText()).isEqualTo("call_9");
    assertThat(log.pending()).as("steps left unsent").isZero();
  }

  @Test
  void aWorkerReportThePluginRefusesFailsTheWorkerRatherThanPassingUnrecorded() throws Exception {
    ProcessInstance instance = runtimeService.startProcessInstanceByKey("scoring", "loan-4714", Map.of("amount", 1L));
    LockedExternalTask task = asWanda(() -> fetch(instance, "java-worker"));
    WorkerAuditLog log = new WorkerAuditLog(task.getId(), "impostor", "openai");
    log.toolCalled(ToolExecutionRequest.builder().id("c").name("lookupIncome").arguments("{}").build());

    assertThatThrownBy(() -> new WorkerReports(URI.create("http://127.0.0.1:" + port), "wanda", "wanda-secret")
        .send(log))
        .isInstanceOf(WorkerReports.WorkerReportException.class)
        .hasMessageStartingWith("the audit trail refused the worker's report with status 409: ");
    assertThat(log.pending()).isEqualTo(1);
  }

  private static LocalOpenAiServer startProvider() {
    try {
      return new LocalOpenAiServer();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private String text(JsonNode reference) {
    String sha256 = reference.path("content_sha256").asText();
    return new String(auditTrail.content(sha256).orElseThrow(() -> new AssertionError("no content " + reference))
        .content(), StandardCharsets.UTF_8);
  }

  /** Locks the case's task only, so that the tests' cases stay apart whatever their order. */
  private LockedExternalTask fetch(ProcessInstance instance, String workerId) {
    List<LockedExternalTask> tasks = externalTaskService.fetchAndLock(10, workerId).topic(TOPIC, 60_000L)
        .businessKey(instance.getBusinessKey()).variables("amount").execute();
    assertThat(tasks).hasSize(1);
    return tasks.get(0);
  }

  private <T> T asWanda(java.util.function.Supplier<T> work) {
    identityService.setAuthenticatedUserId("wanda");
    try {
      return work.get();
    } finally {
      identityService.clearAuthentication();
    }
  }

  private HttpResponse<String> report(String taskId, String user, String body) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/api/audit/external-tasks/" + taskId + "/events"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            (user + ":" + user + "-secret").getBytes(StandardCharsets.UTF_8)))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private void user(String id, String group) {
    TestUsers.create(identityService, id, group);
  }

  static final String REPORT = """
      {"workerId": "%s", "events": [
        {"event_type": "model_call", "timestamp": "2026-01-31T12:00:00Z",
         "input": {"prompt": {"content": "Score the applicant: amount 5000, segment retail",
                              "media_type": "text/plain; charset=utf-8"}, "message_count": 1},
         "output": {"text": "Score 72: stable income", "applicant": "Ivan Petrovich Sidorov"},
         "metadata": {"gen_ai.operation.name": "chat", "gen_ai.provider.name": "openai",
                      "gen_ai.request.model": "gpt-4o-mini", "gen_ai.usage.input_tokens": 42,
                      "gen_ai.usage.output_tokens": 7}},
        {"event_type": "tool_call", "input": {"arguments": {"customer": "loan-4711"}},
         "metadata": {"gen_ai.tool.name": "lookupIncome", "gen_ai.tool.call.id": "call_1"}}]}""";

  static final String PROCESS = """
      <?xml version="1.0" encoding="UTF-8"?>
      <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="http://auditrail.org/test">
        <process id="scoring" isExecutable="true">
          <startEvent id="start"/>
          <sequenceFlow id="f1" sourceRef="start" targetRef="score"/>
          <serviceTask id="score" name="Score the applicant" camunda:type="external" camunda:topic="credit-scoring"/>
          <sequenceFlow id="f2" sourceRef="score" targetRef="end"/>
          <boundaryEvent id="noScore" attachedToRef="score"><errorEventDefinition errorRef="noScoreError"/></boundaryEvent>
          <sequenceFlow id="f3" sourceRef="noScore" targetRef="manual"/>
          <endEvent id="manual"/>
          <endEvent id="end"/>
        </process>
        <error id="noScoreError" errorCode="NO_SCORE"/>
      </definitions>
      """;
}
