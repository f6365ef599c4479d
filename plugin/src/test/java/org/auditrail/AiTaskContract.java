package org.auditrail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.auditrail.ai.AiConfigurationException;
import org.auditrail.ai.AiGeneration;
import org.auditrail.ai.AiOutputException;
import org.auditrail.ai.AiTasks;
import org.auditrail.ai.AuditedTool;
import org.auditrail.ai.GeneratedText;
import org.auditrail.ai.RetrievalIndex;
import org.auditrail.alert.Alert;
import org.auditrail.alert.AlertEvaluator;
import org.auditrail.alert.AlertRules;
import org.auditrail.alert.Alerts;
import org.auditrail.alert.RuleDefinition;
import org.auditrail.event.Actor;
import org.auditrail.seal.Sequencer;
import org.auditrail.trail.AuditTrail;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * AI tasks end to end: a BPMN service task, the real LangChain4j OpenAI client over HTTP to a local
 * OpenAI-compatible server, real tools, a real in-process embedding model, the real engine with its transactions
 * and rollbacks, and the events as they are stored. Run against every supported database by its subclasses.
 */
abstract class AiTaskContract {

  static final String MODEL = "gpt-4o-mini-2024-07-18";
  /** One provider for the test JVM; its threads are daemons, so it ends with the JVM. */
  static final LocalOpenAiServer PROVIDER = startProvider();

  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired RepositoryService repositoryService;
  @Autowired HistoryService historyService;
  @Autowired AuditTrail auditTrail;
  @Autowired DataSource dataSource;
  @Autowired AiTasks aiTasks;
  @Autowired VendorTools vendorTools;
  @Autowired Sequencer sequencer;
  @Autowired AlertRules alertRules;
  @Autowired Alerts alerts;
  @Autowired AlertEvaluator alertEvaluator;

  @DynamicPropertySource
  static void models(DynamicPropertyRegistry registry) {
    String model = "audit.ai.models.risk-rater.";
    registry.add(model + "provider", () -> "openai");
    registry.add(model + "model-id", () -> MODEL);
    registry.add(model + "base-url", PROVIDER::baseUrl);
    registry.add(model + "api-key", () -> "test-key-not-a-secret");
    registry.add(model + "owner", () -> "payments-risk@bank.example");
    registry.add(model + "purpose", () -> "Payment risk rating of supplier invoices");
    registry.add(model + "approved-for", () -> "aiRisk,aiRiskChanged,aiRiskFailing,aiRiskGuarded,aiRiskEvidence,"
        + "aiRiskAlerting");
    registry.add(model + "validation-status", () -> "approved");
    registry.add(model + "validated-on", () -> "2026-10-01");
    registry.add(model + "temperature", () -> "0.1");
    registry.add(model + "max-tokens", () -> "400");
    registry.add(model + "timeout", () -> "1500ms");
    registry.add(model + "price.input-per-million", () -> "0.15");
    registry.add(model + "price.output-per-million", () -> "0.60");
    String floating = "audit.ai.models.floating.";
    registry.add(floating + "provider", () -> "openai");
    registry.add(floating + "model-id", () -> "gpt-4o-latest");
    registry.add(floating + "base-url", PROVIDER::baseUrl);
    registry.add(floating + "api-key", () -> "test-key-not-a-secret");
    registry.add(floating + "approved-for", () -> "aiFloating");
    registry.add(floating + "validation-status", () -> "approved");
    String pending = "audit.ai.models.pending-review.";
    registry.add(pending + "provider", () -> "openai");
    registry.add(pending + "model-id", () -> "gpt-4.1-2025-04-14");
    registry.add(pending + "approved-for", () -> "aiRisk");
    registry.add(pending + "validation-status", () -> "pending");
  }

  @BeforeEach
  void freshProvider() {
    assertThat(PROVIDER.pending()).as("recorded answers left over from the previous test").isZero();
  }

  @Test
  void recordsEveryModelCallToolCallRetrievalAndTheDecision() {
    deploy("aiRisk", "1.0.0");
    PROVIDER.enqueue(
        LocalOpenAiServer.toolCalls(MODEL, 412, 38, "lookupVendor", "{\"vendorId\":\"V-100\"}"),
        LocalOpenAiServer.text(MODEL, "{\"riskScore\": 72, \"riskRationale\": \"Vendor not verified\"}", 530, 25));
    ProcessInstance instance = start("aiRisk", false);
    String jobId = aiJob(instance).getId();
    managementService.executeJob(jobId);

    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instance.getId()).count()).isZero();
    RecordedTrail trail = RecordedTrail.of(auditTrail, instance.getId());
    JsonNode activityStart = trail.single("activity_started", "rateRisk");

    List<JsonNode> modelCalls = trail.ofType("model_call");
    assertThat(modelCalls).hasSize(2);
    JsonNode first = modelCalls.get(0);
    assertThat(first.path("parent_event_id").asText()).isEqualTo(activityStart.path("event_id").asText());
    assertThat(first.path("trace_id").asText()).isEqualTo(instance.getId());
    assertThat(first.path("actor").path("type").asText()).isEqualTo("agent");
    assertThat(first.path("actor").path("id").asText()).isEqualTo("aiRisk:rateRisk");
    assertThat(first.path("outcome").asText()).isEqualTo("success");
    JsonNode metadata = first.path("metadata");
    assertThat(metadata.path("gen_ai.operation.name").asText()).isEqualTo("chat");
    assertThat(metadata.path("gen_ai.provider.name").asText()).isEqualTo("openai");
    assertThat(metadata.path("gen_ai.request.model").asText()).isEqualTo(MODEL);
    assertThat(metadata.path("gen_ai.response.model").asText()).isEqualTo(MODEL);
    assertThat(metadata.path("gen_ai.request.temperature").asDouble()).isEqualTo(0.1);
    assertThat(metadata.path("gen_ai.request.max_tokens").asInt()).isEqualTo(400);
    assertThat(metadata.path("gen_ai.usage.input_tokens").asInt()).isEqualTo(412);
    assertThat(metadata.path("gen_ai.usage.output_tokens").asInt()).isEqualTo(38);
    assertThat(metadata.path("gen_ai.response.finish_reasons").get(0).asText()).isEqualTo("tool_execution");
    assertThat(metadata.path("auditrail.prompt.id").asText()).isEqualTo("risk-rating");
    assertThat(metadata.path("auditrail.prompt.version").asText()).isEqualTo("1.0.0");
    // (412 * 0.15 + 38 * 0.60) / 1e6
    assertThat(metadata.path("auditrail.cost.amount").decimalValue()).isEqualByComparingTo("0.0000846");
    assertThat(metadata.path("auditrail.cost.currency").asText()).isEqualTo("USD");
    assertThat(metadata.path("auditrail.triggered_by").path("id").asText()).isEqualTo("job-executor");
    assertThat(metadata.path("auditrail.triggered_by").path("run_id").asText()).isEqualTo(jobId);
    assertThat(first.path("context").path("job_id").asText()).isEqualTo(jobId);
    assertThat(first.path("output").path("tool_calls").get(0).path("name").asText()).isEqualTo("lookupVendor");

    JsonNode ai = first.path("snapshot").path("ai");
    assertThat(ai.path("model").path("model_id").asText()).isEqualTo(MODEL);
    assertThat(ai.path("model").path("validation_status").asText()).isEqualTo("approved");
    assertThat(ai.path("prompt").path("content_sha256").asText())
        .isEqualTo(sha256OfResource("prompts/risk-rating/1.0.0.txt"));
    assertThat(ai.path("tools").findValuesAsText("name")).containsExactly("lookupVendor", "placePaymentHold");
    assertThat(ai.path("tools").get(0).path("version").asText()).isEqualTo("1.2.0");
    assertThat(blob(ai.path("tools").get(0).path("schema_sha256").asText()))
        .startsWith("{\"description\":\"Looks up a vendor's master data").contains("\"name\":\"lookupVendor\"");
    assertThat(ai.path("retrieval_index").path("documents").asInt()).isEqualTo(3);
    assertThat(first.path("snapshot").path("bpmn_sha256").asText()).hasSize(64);

    // The rendered prompt is in the content store, byte for byte what the model was sent.
    String messages = blob(first.path("input").path("messages").path("content_sha256").asText());
    assertThat(messages).contains("invoice INV-7 from vendor V-100 over 12500 EUR");
    assertThat(PROVIDER.requests().get(PROVIDER.requests().size() - 2)).contains("INV-7 from vendor V-100");

    JsonNode retrieval = trail.single("retrieval");
    assertThat(retrieval.path("parent_event_id").asText()).isEqualTo(activityStart.path("event_id").asText());
    assertThat(retrieval.path("metadata").path("auditrail.retrieval.index").asText()).isEqualTo("payment-policies");
    String snapshotId = retrieval.path("metadata").path("auditrail.retrieval.index_snapshot").asText();
    assertThat(snapshotId).isEqualTo(ai.path("retrieval_index").path("snapshot_id").asText());
    assertThat(blob(snapshotId)).startsWith("[\"").hasSize(3 * 67 + 1);
    JsonNode segments = retrieval.path("output").path("segments");
    assertThat(segments).hasSize(2);
    assertThat(segments.findValuesAsText("document"))
        .containsExactlyInAnyOrder("policy-large-amounts.md", "policy-unverified-vendors.md");
    assertThat(segments.get(0).path("score").asDouble()).isBetween(segments.get(1).path("score").asDouble(), 1.0);
    JsonNode unverified = segments.get(segments.get(0).path("document").asText().contains("unverified") ? 0 : 1);
    assertThat(blob(unverified.path("content_sha256").asText())).contains("not verified");
    assertThat(unverified.path("document_sha256").asText()).hasSize(64);

    JsonNode toolCall = trail.single("tool_call");
    assertThat(toolCall.path("parent_event_id").asText()).isEqualTo(activityStart.path("event_id").asText());
    assertThat(toolCall.path("metadata").path("gen_ai.tool.name").asText()).isEqualTo("lookupVendor");
    assertThat(toolCall.path("metadata").path("gen_ai.tool.call.id").asText()).isEqualTo("call_1");
    assertThat(toolCall.path("metadata").path("auditrail.tool.version").asText()).isEqualTo("1.2.0");
    assertThat(toolCall.path("metadata").has("auditrail.tool.idempotency_key")).isFalse();
    assertThat(blob(toolCall.path("input").path("arguments").path("content_sha256").asText()))
        .isEqualTo("{\"vendorId\":\"V-100\"}");
    JsonNode toolResult = trail.single("tool_result");
    assertThat(toolResult.path("input").path("tool_call_event_id").asText())
        .isEqualTo(toolCall.path("event_id").asText());
    assertThat(blob(toolResult.path("output").path("result").path("content_sha256").asText()))
        .contains("\"verified\":false");

    JsonNode decision = trail.single("decision");
    assertThat(decision.path("outcome").asText()).isEqualTo("success");
    assertThat(decision.path("output").path("value").path("riskScore").asInt()).isEqualTo(72);
    assertThat(decision.path("metadata").path("auditrail.model_calls").asInt()).isEqualTo(2);
    assertThat(decision.path("metadata").path("gen_ai.usage.input_tokens").asInt()).isEqualTo(942);
    assertThat(decision.path("metadata").path("auditrail.cost.amount").decimalValue())
        .isEqualByComparingTo("0.0001791");
    assertThat(decision.path("metadata").path("auditrail.configuration_change").path("first_run").asBoolean())
        .isTrue();
    assertThat(decision.path("metadata").path("auditrail.output.ignored_fields").toString()).isEqualTo("[]");

    JsonNode score = trail.where(event -> event.path("event_type").asText().equals("variable_created")
        && event.path("output").path("name").asText().equals("riskScore")).get(0);
    assertThat(score.path("output").path("value").path("value").asLong()).isEqualTo(72);
  }

  @Test
  void modelCallsStayRecordedWhenTheEngineRollsBackAndSideEffectsAreNotRepeatedOnRetry() {
    deploy("aiRiskFailing", "1.0.0");
    String holdArguments = "{\"vendorId\":\"V-200\",\"reason\":\"unverified vendor\"}";
    PROVIDER.enqueue(
        LocalOpenAiServer.toolCalls(MODEL, 300, 30, "placePaymentHold", holdArguments),
        LocalOpenAiServer.text(MODEL, "{\"riskScore\": 90, \"riskRationale\": \"hold placed\"}", 350, 20));
    ProcessInstance instance = start("aiRiskFailing", true);
    int holdsBefore = vendorTools.holds.get();
    Job job = aiJob(instance);

    assertThatThrownBy(() -> managementService.executeJob(job.getId()))
        .hasMessageContaining("Booking refused");
    assertThat(runtimeService.getVariable(instance.getId(), "riskScore")).isNull();
    assertThat(vendorTools.holds.get()).isEqualTo(holdsBefore + 1);

    RecordedTrail afterRollback = RecordedTrail.of(auditTrail, instance.getId());
    List<JsonNode> calls = afterRollback.ofType("model_call");
    assertThat(calls).hasSize(2);
    // The parent was committed ahead of the rolled-back command, so the link leads somewhere.
    JsonNode start = afterRollback.byId(calls.get(0).path("parent_event_id").asText());
    assertThat(start.path("event_type").asText()).isEqualTo("activity_started");
    assertThat(start.path("context").path("activity_instance_id").asText())
        .isEqualTo(calls.get(0).path("context").path("activity_instance_id").asText());
    assertThat(start.path("metadata").path("written_ahead_of_command").asBoolean()).isTrue();
    assertThat(afterRollback.ofType("activity_completed", "rateRisk")).isEmpty();
    String key = afterRollback.single("tool_call").path("metadata").path("auditrail.tool.idempotency_key").asText();
    assertThat(key).hasSize(64);

    runtimeService.setVariable(instance.getId(), "fail", false);
    PROVIDER.enqueue(
        LocalOpenAiServer.toolCalls(MODEL, 300, 30, "placePaymentHold", holdArguments),
        LocalOpenAiServer.text(MODEL, "{\"riskScore\": 90, \"riskRationale\": \"hold placed\"}", 350, 20));
    managementService.executeJob(job.getId());

    assertThat(vendorTools.holds.get()).as("the hold is placed once").isEqualTo(holdsBefore + 1);
    RecordedTrail afterRetry = RecordedTrail.of(auditTrail, instance.getId());
    assertThat(afterRetry.ofType("model_call")).hasSize(4);
    List<JsonNode> toolCalls = afterRetry.ofType("tool_call");
    assertThat(toolCalls).hasSize(2);
    assertThat(toolCalls.get(1).path("metadata").path("auditrail.tool.idempotency_key").asText()).isEqualTo(key);
    List<JsonNode> results = afterRetry.ofType("tool_result");
    assertThat(results.get(0).path("metadata").has("auditrail.tool.replayed")).isFalse();
    assertThat(results.get(1).path("metadata").path("auditrail.tool.replayed").asBoolean()).isTrue();
    assertThat(blob(results.get(1).path("output").path("result").path("content_sha256").asText()))
        .isEqualTo(blob(results.get(0).path("output").path("result").path("content_sha256").asText()));
    assertThat(afterRetry.ofType("decision")).extracting(event -> event.path("outcome").asText())
        .containsExactly("success", "success");
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instance.getId()).count()).isZero();
  }

  @Test
  void rateLimitAndTimeoutAreRecordedAsErrors() {
    deploy("aiRisk", "1.0.0");
    PROVIDER.enqueue(LocalOpenAiServer.rateLimited());
    ProcessInstance limited = start("aiRisk", false);
    assertThatThrownBy(() -> runAiJob(limited)).hasMessageContaining("Rate limit");
    RecordedTrail limitedTrail = RecordedTrail.of(auditTrail, limited.getId());
    JsonNode call = limitedTrail.single("model_call");
    assertThat(call.path("outcome").asText()).isEqualTo("error");
    assertThat(call.path("error").path("type").asText()).isEqualTo("rate_limited");
    assertThat(call.path("metadata").path("error.type").asText()).isEqualTo("rate_limited");
    assertThat(call.path("metadata").path("auditrail.cost.status").asText()).isEqualTo("unknown");
    JsonNode decision = limitedTrail.single("decision");
    assertThat(decision.path("outcome").asText()).isEqualTo("error");
    assertThat(decision.path("metadata").path("auditrail.cost.status").asText()).isEqualTo("unknown");
    assertThat(limitedTrail.ofType("job_failed")).hasSize(1);

    PROVIDER.enqueue(LocalOpenAiServer.slow(LocalOpenAiServer.text(MODEL, "{\"riskScore\": 1}", 1, 1), 4000));
    ProcessInstance slow = start("aiRisk", false);
    assertThatThrownBy(() -> runAiJob(slow)).isInstanceOf(RuntimeException.class);
    JsonNode timedOut = RecordedTrail.of(auditTrail, slow.getId()).single("model_call");
    assertThat(timedOut.path("outcome").asText()).isEqualTo("error");
    assertThat(timedOut.path("error").path("type").asText()).isEqualTo("timeout");
    assertThat(timedOut.path("metadata").path("auditrail.latency_ms").asLong()).isBetween(1400L, 3900L);
  }

  @Test
  void failedModelCallsRaiseAModelErrorsAlertNamingTheCaseOnceTheyReachTheThreshold() throws Exception {
    sealedAndEvaluated();
    String rule = alertRules.create(RuleDefinition.parse(RecordedTrail.parse("{\"name\": \"Model errors\","
        + " \"condition\": \"model_errors\", \"parameters\": {\"threshold\": 2, \"window\": \"PT10M\"}}")),
        "cora").id();
    try {
      deploy("aiRiskAlerting", "1.0.0");
      PROVIDER.enqueue(new LocalOpenAiServer.Answer(500, "{\"error\":{\"message\":\"The server had an error\","
          + "\"type\":\"server_error\"}}", 0));
      ProcessInstance failing = start("aiRiskAlerting", false);
      assertThatThrownBy(() -> runAiJob(failing)).isInstanceOf(RuntimeException.class);
      sealedAndEvaluated();
      assertThat(openAlertsOf(rule)).isEmpty();

      PROVIDER.enqueue(LocalOpenAiServer.rateLimited());
      assertThatThrownBy(() -> runAiJob(failing)).hasMessageContaining("Rate limit");
      sealedAndEvaluated();

      List<JsonNode> calls = RecordedTrail.of(auditTrail, failing.getId()).ofType("model_call");
      assertThat(calls).extracting(call -> call.path("outcome").asText()).containsExactly("error", "error");
      assertThat(calls.get(1).path("error").path("type").asText()).isEqualTo("rate_limited");
      assertThat(openAlertsOf(rule)).singleElement().satisfies(alert -> {
        assertThat(alert.summary()).isEqualTo("2 failed model calls within PT10M in case " + failing.getId());
        assertThat(alert.traceId()).isEqualTo(failing.getId());
        assertThat(alert.eventIds()).containsExactlyElementsOf(calls.stream()
            .map(call -> call.path("event_id").asText()).toList());
      });
    } finally {
      alertRules.delete(rule, "cora");
    }
  }

  @Test
  void aChangeOfPromptVersionBetweenRunsIsRecordedAsSuch() {
    deploy("aiRiskChanged", "1.0.0");
    PROVIDER.enqueue(LocalOpenAiServer.text(MODEL, "{\"riskScore\": 10, \"riskRationale\": \"low\"}", 100, 5));
    runAiJob(start("aiRiskChanged", false));
    PROVIDER.enqueue(LocalOpenAiServer.text(MODEL, "{\"riskScore\": 10, \"riskRationale\": \"low\"}", 100, 5));
    ProcessInstance same = start("aiRiskChanged", false);
    runAiJob(same);
    assertThat(RecordedTrail.of(auditTrail, same.getId()).single("decision").path("metadata")
        .has("auditrail.configuration_change")).isFalse();

    deploy("aiRiskChanged", "1.1.0");
    PROVIDER.enqueue(LocalOpenAiServer.text(MODEL, "{\"riskScore\": 10, \"riskRationale\": \"low\"}", 100, 5));
    ProcessInstance changed = start("aiRiskChanged", false);
    runAiJob(changed);
    JsonNode change = RecordedTrail.of(auditTrail, changed.getId()).single("decision").path("metadata")
        .path("auditrail.configuration_change");
    assertThat(change.path("changed").path("prompt").path("before").path("version").asText()).isEqualTo("1.0.0");
    assertThat(change.path("changed").path("prompt").path("after").path("version").asText()).isEqualTo("1.1.0");
    assertThat(change.path("changed").has("model")).isFalse();
    assertThat(blob(change.path("previous_snapshot_sha256").asText())).contains("\"version\":\"1.0.0\"");
  }

  @Test
  void textWrittenOutsideAProcessIsRecordedThroughTheChatModelListener() {
    PROVIDER.enqueue(LocalOpenAiServer.text(MODEL, "Payment risk summary for October.", 220, 12));
    GeneratedText text = new AiGeneration(aiTasks).write("aiRisk", "monthly-summary", "risk-rating", "1.0.0",
        "risk-rater", Map.of("invoiceNumber", "ALL", "vendorId", "ALL", "amount", 0), Actor.user("carol", null),
        "summary-2026-10");

    assertThat(text.text()).isEqualTo("Payment risk summary for October.");
    List<JsonNode> events = RecordedTrail.of(auditTrail, "summary-2026-10").events();
    JsonNode call = events.stream().filter(event -> event.path("event_type").asText().equals("model_call"))
        .findFirst().orElseThrow();
    assertThat(call.path("actor").path("id").asText()).isEqualTo("aiRisk:monthly-summary");
    assertThat(call.path("metadata").path("auditrail.triggered_by").path("id").asText()).isEqualTo("carol");
    // The listener sees the request as the model sends it, with the model's default parameters merged in.
    assertThat(call.path("metadata").path("gen_ai.request.temperature").asDouble()).isEqualTo(0.1);
    assertThat(call.path("metadata").path("gen_ai.usage.input_tokens").asInt()).isEqualTo(220);
    assertThat(call.path("metadata").path("auditrail.cost.amount").decimalValue())
        .isEqualByComparingTo("0.0000402");
    JsonNode decision = events.stream().filter(event -> event.path("event_type").asText().equals("decision"))
        .findFirst().orElseThrow();
    assertThat(decision.path("event_id").asText()).isEqualTo(text.decisionEventId());
    assertThat(decision.path("output").path("value").asText()).isEqualTo("Payment risk summary for October.");
  }

  @Test
  void misconfiguredAiTasksAreRefusedAtDeploymentNamingTheElementAndField() {
    assertDeploymentRefused("aiRisk", props("risk-rating", "9.9.9", "risk-rater"),
        "AI task 'rateRisk' in process 'aiRisk'", "ai.prompt-version: prompt 'risk-rating' has no version 9.9.9",
        "published: [1.0.0, 1.1.0]");
    assertDeploymentRefused("aiRisk", props("no-such-prompt", "1.0.0", "risk-rater"),
        "ai.prompt: no prompt 'no-such-prompt' is published");
    Map<String, String> noModel = props("risk-rating", "1.0.0", "risk-rater");
    noModel.remove("ai.model");
    assertDeploymentRefused("aiRisk", noModel, "AI task 'rateRisk' in process 'aiRisk'", "ai.model is missing");
    assertDeploymentRefused("aiFloating", props("risk-rating", "1.0.0", "floating"),
        "'gpt-4o-latest', which is not a pinned model id");
    assertDeploymentRefused("aiOther", props("risk-rating", "1.0.0", "risk-rater"),
        "model 'risk-rater' is not approved for process 'aiOther' (approved for: [aiRisk, aiRiskAlerting,"
            + " aiRiskChanged, aiRiskEvidence, aiRiskFailing, aiRiskGuarded])");
    assertDeploymentRefused("aiRisk", props("risk-rating", "1.0.0", "pending-review"),
        "model 'pending-review' has validation status 'pending'");
    Map<String, String> unknownTool = props("risk-rating", "1.0.0", "risk-rater");
    unknownTool.put("ai.tools", "lookupVendor,wireMoney");
    assertDeploymentRefused("aiRisk", unknownTool, "ai.tools: no tool 'wireMoney' is registered");
    Map<String, String> badVersion = props("risk-rating", "1.0", "risk-rater");
    assertDeploymentRefused("aiRisk", badVersion, "ai.prompt-version '1.0' is not a semantic version");
    Map<String, String> badEvidence = props("risk-rating", "1.0.0", "risk-rater");
    badEvidence.put("ai.evidence-prefix", "risk evidence");
    assertDeploymentRefused("aiRisk", badEvidence, "ai.evidence-prefix 'risk evidence' is not a variable name");
  }

  @Test
  void withAnEvidencePrefixTheTaskSetsTheModelPromptVersionSourcesAndToolResultsItsAnswerRestsOn() {
    Map<String, String> properties = props("risk-rating", "1.0.0", "risk-rater");
    properties.put("ai.evidence-prefix", "riskEvidence");
    repositoryService.createDeployment().addString("aiRiskEvidence.bpmn", AiProcesses.xml("aiRiskEvidence",
        properties)).deploy();
    PROVIDER.enqueue(
        LocalOpenAiServer.toolCalls(MODEL, 412, 38, "lookupVendor", "{\"vendorId\":\"V-100\"}"),
        LocalOpenAiServer.text(MODEL, "{\"riskScore\": 72, \"riskRationale\": \"Vendor not verified\"}", 530, 25));
    ProcessInstance instance = start("aiRiskEvidence", false);
    managementService.executeJob(aiJob(instance).getId());

    Map<String, Object> variables = new LinkedHashMap<>();
    historyService.createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
        .variableNameLike("riskEvidence%").list().forEach(variable -> variables.put(variable.getName(),
            variable.getValue()));
    assertThat(variables).containsOnlyKeys("riskEvidenceModel", "riskEvidencePrompt", "riskEvidenceSources",
        "riskEvidenceTools");
    assertThat(variables.get("riskEvidenceModel")).isEqualTo("risk-rater: " + MODEL + " (openai)");
    assertThat(variables.get("riskEvidencePrompt")).isEqualTo("risk-rating 1.0.0");
    assertThat(variables.get("riskEvidenceTools")).isEqualTo("lookupVendor {\"vendorId\":\"V-100\"} returned"
        + " {\"vendorId\":\"V-100\",\"name\":\"Acme Supplies\",\"country\":\"DE\",\"verified\":false}");
    // The two segments of the retrieval, each as document (score) and excerpt, in the retriever's order.
    JsonNode segments = RecordedTrail.of(auditTrail, instance.getId()).single("retrieval").path("output")
        .path("segments");
    String sources = (String) variables.get("riskEvidenceSources");
    for (int i = 0; i < 2; i++) {
      JsonNode segment = segments.get(i);
      assertThat(sources).contains((i + 1) + ". " + segment.path("document").asText()
          + String.format(java.util.Locale.ROOT, " (score %.2f)", segment.path("score").asDouble()) + "\n"
          // Lines joined within a paragraph: the form wraps the text itself.
          + blob(segment.path("content_sha256").asText()).strip().replaceAll("(?<!\n)\n(?!\n)", " "));
    }
    assertThat(sources).startsWith("1. ").contains("\n\n2. ");
  }

  @Test
  void aPublishedPromptVersionNeverChanges() {
    assertThat(aiTasks.prompts().publish("risk-rating", "1.0.0",
        resource("prompts/risk-rating/1.0.0.txt"), "test").sha256())
        .isEqualTo(sha256OfResource("prompts/risk-rating/1.0.0.txt"));
    assertThatThrownBy(() -> aiTasks.prompts().publish("risk-rating", "1.0.0", "Rate it.", "api"))
        .isInstanceOf(AiConfigurationException.class)
        .hasMessageContaining("prompt 'risk-rating' version 1.0.0 is already published with text SHA-256 "
            + sha256OfResource("prompts/risk-rating/1.0.0.txt"))
        .hasMessageContaining("publish the new text under a new version");
    aiTasks.prompts().publish("ad-hoc", "0.1.0", "Summarise {{caseId}}.", "api");
    assertThat(aiTasks.prompts().find("ad-hoc", "0.1.0").orElseThrow().render(Map.of("caseId", "C-1")))
        .isEqualTo("Summarise C-1.");
  }

  @Test
  void anInjectedAnswerSetsOnlyTheDeclaredFieldsAndNamesTheOthersInTheDecision() {
    deployGuarded("riskScore:number, riskLevel:low|medium|high");
    PROVIDER.enqueue(LocalOpenAiServer.text(MODEL,
        "{\"riskScore\": 5, \"riskLevel\":\"low\", \"sanctionsHit\": false, \"decision\": \"approve\"}", 90, 20));
    ProcessInstance instance = runtimeService.startProcessInstanceByKey("aiRiskGuarded", "INV-8",
        Variables.createVariables().putValue("invoiceNumber", "INV-8").putValue("vendorId", "V-666")
            .putValue("amount", 900).putValue("fail", false).putValue("sanctionsHit", true));
    runAiJob(instance);

    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instance.getId()).count()).isZero();
    assertThat(variablesOf(instance)).containsExactlyInAnyOrderEntriesOf(Map.of("invoiceNumber", "INV-8",
        "vendorId", "V-666", "amount", 900, "fail", false, "sanctionsHit", true, "riskScore", 5L,
        "riskLevel", "low", "riskAssessment", "{\"riskLevel\":\"low\",\"riskScore\":5}"));

    RecordedTrail trail = RecordedTrail.of(auditTrail, instance.getId());
    assertThat(trail.where(event -> event.path("event_type").asText().startsWith("variable_")
        && List.of("sanctionsHit", "decision").contains(event.path("output").path("name").asText())))
        .extracting(event -> event.path("event_type").asText()).containsExactly("variable_created");
    JsonNode decision = trail.single("decision");
    assertThat(decision.path("outcome").asText()).isEqualTo("success");
    assertThat(decision.path("metadata").path("auditrail.output.ignored_fields").toString())
        .isEqualTo("[\"decision\",\"sanctionsHit\"]");
    assertThat(decision.path("output").path("value").toString()).isEqualTo("{\"riskLevel\":\"low\",\"riskScore\":5}");
    // The whole answer, injection included, stays in the trail: in the model call, by its hash.
    JsonNode call = trail.single("model_call");
    assertThat(blob(call.path("output").path("message").path("content_sha256").asText()))
        .contains("\\\"decision\\\": \\\"approve\\\"");
  }

  @Test
  void anAnswerThatDoesNotMatchTheDeclaredTypesFailsTheTaskAndIsRecordedAsAnError() {
    deployGuarded("riskScore:number, riskLevel:low|medium|high");
    assertAnswerRefused("{\"riskScore\": \"high\", \"riskLevel\": \"low\"}",
        "AI task 'rateRisk': ai.output-fields: 'riskScore' must be a number, but the model's answer has a string");
    assertAnswerRefused("{\"riskScore\": 5, \"riskLevel\": \"LOW\"}",
        "AI task 'rateRisk': ai.output-fields: 'riskLevel' must be one of low|medium|high, but the model's answer"
            + " has a string that is none of them");
    assertAnswerRefused("{\"riskLevel\": null, \"sanctionsHit\": false}",
        "AI task 'rateRisk': ai.output-fields: 'riskScore' must be a number, but the model's answer has no such"
            + " field; 'riskLevel' must be one of low|medium|high, but the model's answer has null");
    // A number that JSON does not hold exactly is read as its exact text (JsonNumbers), so it is no number here.
    assertAnswerRefused("{\"riskScore\": 9007199254740993, \"riskLevel\": \"low\"}",
        "AI task 'rateRisk': ai.output-fields: 'riskScore' must be a number, but the model's answer has a string");
    assertAnswerRefused("{\"riskScore\": 5, \"riskLevel\": \"low\", \"riskScore\": 95}",
        "AI task 'rateRisk': ai.output-format is json, but the model's answer names a field twice");
  }

  @Test
  void badOutputFieldDeclarationsAreRefusedAtDeployment() {
    String task = "AI task 'rateRisk' in process 'aiRiskGuarded': ";
    assertOutputFieldsRefused("riskScore:integer", task + "ai.output-fields: 'riskScore' has the unknown type"
        + " 'integer' (string, number, boolean or an enumeration such as low|medium|high)");
    assertOutputFieldsRefused("riskScore:number, riskLevel:|", task + "ai.output-fields: 'riskLevel' has the"
        + " enumeration '|' with an empty value");
    assertOutputFieldsRefused("riskLevel:low||high", task + "ai.output-fields: 'riskLevel' has the enumeration"
        + " 'low||high' with an empty value");
    assertOutputFieldsRefused("riskLevel:low|high|low", task + "ai.output-fields: 'riskLevel' has the enumeration"
        + " 'low|high|low', which names 'low' twice");
    assertOutputFieldsRefused("riskScore:number, riskScore:string", task + "ai.output-fields: 'riskScore' is"
        + " declared twice");
    assertOutputFieldsRefused("riskScore", task + "ai.output-fields: 'riskScore' has no type (string, number,"
        + " boolean or an enumeration such as low|medium|high)");
    assertOutputFieldsRefused("risk score:number", task + "ai.output-fields: 'risk score' is not a variable name");
    assertOutputFieldsRefused("riskAssessment:string", task + "ai.output-fields: 'riskAssessment' is the"
        + " ai.output-variable itself");
    assertOutputFieldsRefused(null, task + "ai.output-fields is missing: a json AI task names the only fields of"
        + " the answer that become variables, such as riskScore:number, riskLevel:low|medium|high");
    Map<String, String> text = guardedProps("riskScore:number");
    text.put("ai.output-format", "text");
    assertDeploymentRefused("aiRiskGuarded", text, task + "ai.output-fields is set, but ai.output-format is not"
        + " json");
  }

  private void assertOutputFieldsRefused(String declaration, String message) {
    assertDeploymentRefused("aiRiskGuarded", guardedProps(declaration), message);
  }

  /** Runs the guarded task on one answer: the task fails with the message, the trail shows call and error. */
  private void assertAnswerRefused(String answer, String message) {
    PROVIDER.enqueue(LocalOpenAiServer.text(MODEL, answer, 90, 20));
    ProcessInstance instance = runtimeService.startProcessInstanceByKey("aiRiskGuarded", "INV-9",
        Variables.createVariables().putValue("invoiceNumber", "INV-9").putValue("vendorId", "V-100")
            .putValue("amount", 900).putValue("fail", false).putValue("sanctionsHit", true));
    Job job = aiJob(instance);
    assertThatThrownBy(() -> managementService.executeJob(job.getId()))
        .isInstanceOf(AiOutputException.class).hasMessage(message);

    assertThat(managementService.createJobQuery().jobId(job.getId()).singleResult().getExceptionMessage())
        .isEqualTo(message);
    assertThat(runtimeService.getVariables(instance.getId())).containsOnlyKeys("invoiceNumber", "vendorId",
        "amount", "fail", "sanctionsHit").containsEntry("sanctionsHit", true);
    RecordedTrail trail = RecordedTrail.of(auditTrail, instance.getId());
    assertThat(trail.single("model_call").path("outcome").asText()).isEqualTo("success");
    JsonNode decision = trail.single("decision");
    assertThat(decision.path("outcome").asText()).isEqualTo("error");
    assertThat(decision.path("error").path("type").asText()).isEqualTo(AiOutputException.class.getName());
    assertThat(decision.path("error").path("message").asText())
        .isEqualTo(AiOutputException.class.getName() + ": " + message);
    assertThat(decision.has("output") && !decision.path("output").isNull()).isFalse();
    assertThat(decision.path("metadata").has("auditrail.output.ignored_fields")).isFalse();
  }

  private Map<String, Object> variablesOf(ProcessInstance instance) {
    Map<String, Object> variables = new LinkedHashMap<>();
    historyService.createHistoricVariableInstanceQuery().processInstanceId(instance.getId()).list()
        .forEach(variable -> variables.put(variable.getName(), variable.getValue()));
    return variables;
  }

  private static Map<String, String> guardedProps(String outputFields) {
    Map<String, String> properties = props("risk-rating", "1.0.0", "risk-rater");
    properties.remove("ai.tools");
    properties.remove("ai.retrieval-index");
    properties.remove("ai.output-fields");
    if (outputFields != null) {
      properties.put("ai.output-fields", outputFields);
    }
    return properties;
  }

  private void deployGuarded(String outputFields) {
    repositoryService.createDeployment().name("aiRiskGuarded")
        .addString("aiRiskGuarded.bpmn", AiProcesses.xml("aiRiskGuarded", guardedProps(outputFields))).deploy();
  }

  private void assertDeploymentRefused(String key, Map<String, String> properties, String... messageParts) {
    assertThatThrownBy(() -> repositoryService.createDeployment()
        .addString(key + ".bpmn", AiProcesses.xml(key, properties)).deploy())
        .isInstanceOf(ProcessEngineException.class)
        .satisfies(error -> {
          for (String part : messageParts) {
            assertThat(error.getMessage()).contains(part);
          }
        });
  }

  private static Map<String, String> props(String prompt, String version, String model) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("ai.prompt", prompt);
    properties.put("ai.prompt-version", version);
    properties.put("ai.model", model);
    properties.put("ai.tools", "lookupVendor,placePaymentHold");
    properties.put("ai.retrieval-index", "payment-policies");
    properties.put("ai.output-variable", "riskAssessment");
    properties.put("ai.output-format", "json");
    properties.put("ai.output-fields", "riskScore:number, riskRationale:string");
    return properties;
  }

  private void deploy(String key, String promptVersion) {
    repositoryService.createDeployment().name(key)
        .addString(key + ".bpmn", AiProcesses.xml(key, props("risk-rating", promptVersion, "risk-rater")))
        .deploy();
  }

  private ProcessInstance start(String key, boolean failBooking) {
    return runtimeService.startProcessInstanceByKey(key, "INV-7", Variables.createVariables()
        .putValue("invoiceNumber", "INV-7").putValue("vendorId", "V-100").putValue("amount", 12500)
        .putValue("fail", failBooking));
  }

  private Job aiJob(ProcessInstance instance) {
    return managementService.createJobQuery().processInstanceId(instance.getId()).singleResult();
  }

  private void runAiJob(ProcessInstance instance) {
    managementService.executeJob(aiJob(instance).getId());
  }

  /** Seals what waits and evaluates the alert rules on it now, rather than after their interval. */
  private void sealedAndEvaluated() throws SQLException {
    while (sequencer.sealOnce(false) > 0) {
      // Seal until nothing waits.
    }
    alertEvaluator.evaluate();
  }

  private List<Alert> openAlertsOf(String rule) {
    return alerts.list(Optional.of(Alert.State.OPEN)).stream().filter(alert -> alert.ruleId().equals(rule)).toList();
  }

  private String blob(String sha256) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query = connection.prepareStatement("select content from audit_content where sha256 = ?")) {
      query.setString(1, sha256);
      try (ResultSet row = query.executeQuery()) {
        assertThat(row.next()).as("content %s is stored", sha256).isTrue();
        return new String(row.getBytes(1), StandardCharsets.UTF_8);
      }
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }

  private static String resource(String path) {
    try (var in = AiTaskContract.class.getClassLoader().getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static String sha256OfResource(String path) {
    return org.auditrail.store.ContentBlob.sha256Hex(resource(path).getBytes(StandardCharsets.UTF_8));
  }

  private static LocalOpenAiServer startProvider() {
    try {
      return new LocalOpenAiServer();
    } catch (IOException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Tools with versions, one of them side-effecting, and a small policy index. */
  @TestConfiguration(proxyBeanMethods = false)
  static class AiBeans {

    @Bean
    VendorTools vendorTools() {
      return new VendorTools();
    }

    @Bean
    RetrievalIndex paymentPolicies() {
      RetrievalIndex index = new RetrievalIndex("payment-policies", new AllMiniLmL6V2EmbeddingModel(), 400, 2, 0.0);
      index.add("policy-unverified-vendors.md", "Payments to a vendor that is not verified must be held until the"
          + " vendor's bank details are confirmed by a second person.");
      index.add("policy-large-amounts.md", "Invoices above 10,000 EUR need the approval of a payments officer.");
      index.add("policy-sanctions.md", "Vendors in sanctioned countries are never paid; report them to compliance.");
      return index;
    }
  }

  /** Vendor master data and payment holds: the tools of the test's AI task. */
  public static class VendorTools {

    final AtomicInteger holds = new AtomicInteger();

    @Tool("Looks up a vendor's master data: name, country and whether its bank details are verified")
    @AuditedTool(version = "1.2.0")
    public String lookupVendor(@P("the vendor id, such as V-100") String vendorId) {
      return "{\"vendorId\":\"" + vendorId + "\",\"name\":\"Acme Supplies\",\"country\":\"DE\",\"verified\":false}";
    }

    @Tool("Places a payment hold on a vendor, so that no payment leaves until it is lifted")
    @AuditedTool(version = "2.0.0", sideEffects = true)
    public String placePaymentHold(@P("the vendor id") String vendorId, @P("why the hold is placed") String reason) {
      return "HOLD-" + vendorId + "-" + holds.incrementAndGet();
    }
  }
}
