package org.auditrail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.data.message.AiMessage;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.auditrail.ai.ResponderRule;
import org.auditrail.alert.AlertEvaluator;
import org.auditrail.alert.Alerting;
import org.auditrail.alert.delivery.LocalWebhookReceiver;
import org.auditrail.seal.LogSettings;
import org.auditrail.seal.Sequencer;
import org.auditrail.store.AuditStore;
import org.auditrail.testapp.AuditTestApplication;
import org.auditrail.trail.AuditTrail;
import org.auditrail.verify.NoteSigner;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

/**
 * The conditions on AI work and on this node's sealing, on the real engine: AI decisions of the offline responder,
 * human reviews of its drafts, AI task configuration changes, and a sequencer whose checkpoints cannot be anchored.
 * Each rule fires on its scenario with the exact alert, and not on a clean run.
 */
@SpringBootTest(classes = {AuditTestApplication.class, AlertConditionsContract.RiskRule.class},
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "audit.alerts.evaluate-interval=1h",
        "audit.ai.models.draft-model.provider=offline",
        "audit.ai.models.draft-model.model-id=auditrail-rule-based-responder-v1",
        "audit.ai.models.draft-model.approved-for=alertRisk,alertShare,alertReview,alertConfig",
        "audit.ai.models.draft-model.validation-status=approved"})
abstract class AlertConditionsContract {

  static final String HIGH = "{\"riskScore\": 85, \"riskLevel\": \"high\", \"riskRationale\": \"Unverified vendor\"}";
  static final String LOW = "{\"riskScore\": 20, \"riskLevel\": \"low\", \"riskRationale\": \"Known vendor\"}";

  @Autowired IdentityService identityService;
  @Autowired RuntimeService runtimeService;
  @Autowired RepositoryService repositoryService;
  @Autowired TaskService taskService;
  @Autowired AuditTrail auditTrail;
  @Autowired Sequencer sequencer;
  @Autowired AlertEvaluator evaluator;
  @Autowired Alerting alerting;
  @Autowired AuditStore store;
  @Autowired NoteSigner signer;
  @LocalServerPort int port;
  AlertsApi api;

  @BeforeEach
  void complianceOfficer() {
    if (identityService.createUserQuery().userId("cleo").count() == 0) {
      TestUsers.create(identityService, "cleo", "compliance");
    }
    api = new AlertsApi(port, "cleo", "cleo-secret");
  }

  @Test
  void highRiskAiDecisionsWithinTheWindowRaiseAnAlertAndLowRiskOnesDoNot() throws Exception {
    deploy("alertRisk", "1.0.0");
    catchUp();
    String ruleId = api.createRule("{\"name\": \"High-risk decisions\", \"condition\": \"high_risk_ai_decisions\","
        + " \"parameters\": {\"threshold\": 2, \"process_definition_key\": \"alertRisk\"}}");
    start("alertRisk", "V-LOW");
    start("alertRisk", "V-LOW");
    String first = start("alertRisk", "V-HIGH");
    catchUp();
    assertThat(api.openAlertsOf(ruleId)).isEmpty();

    String second = start("alertRisk", "V-HIGH");
    catchUp();

    List<JsonNode> open = api.openAlertsOf(ruleId);
    assertThat(open).hasSize(1);
    assertThat(open.get(0).path("summary").asText()).isEqualTo("2 high-risk AI decisions within PT1H");
    assertThat(open.get(0).path("case").isNull()).isTrue();
    assertThat(open.get(0).path("event_ids").toString()).isEqualTo("[\"" + decisionOf(first) + "\",\""
        + decisionOf(second) + "\"]");
  }

  @Test
  void aShareOfHighRiskScoresFiresOnlyOnceEnoughDecisionsWereMade() throws Exception {
    deploy("alertShare", "1.0.0");
    catchUp();
    JsonNode rule = RecordedTrail.parse(api.send("POST", "/api/alerts/rules", "{\"name\": \"High-risk share\","
        + " \"condition\": \"high_risk_ai_decisions\", \"parameters\": {\"share\": 0.5, \"min_events\": 3,"
        + " \"field\": \"riskScore\", \"at_least\": 70, \"process_definition_key\": \"alertShare\"}}").body());
    String ruleId = rule.path("id").asText();
    assertThat(rule.path("parameters").toString()).isEqualTo("{\"share\":0.5,\"min_events\":3,\"field\":\"riskScore\",\"at_least\":70,"
            + "\"process_definition_key\":\"alertShare\",\"window\":\"PT1H\"}");
    String first = start("alertShare", "V-HIGH");
    start("alertShare", "V-LOW");
    catchUp();
    // Half of the decisions are high risk, but two are fewer than min_events.
    assertThat(api.openAlertsOf(ruleId)).isEmpty();

    String second = start("alertShare", "V-HIGH");
    catchUp();

    List<JsonNode> open = api.openAlertsOf(ruleId);
    assertThat(open).hasSize(1);
    assertThat(open.get(0).path("summary").asText())
        .isEqualTo("2 high-risk AI decisions among 3 within PT1H (67%, limit 50%)");
    assertThat(open.get(0).path("event_ids").toString()).isEqualTo("[\"" + decisionOf(first) + "\",\""
        + decisionOf(second) + "\"]");
  }

  @Test
  void reviewsThatChangedTheDraftAboveTheShareRaiseAnAlert() throws Exception {
    deployReview("alertReview", "1.0.0");
    catchUp();
    String ruleId = api.createRule("{\"name\": \"Overrides\", \"condition\": \"override_rate\","
        + " \"parameters\": {\"share\": 0.5, \"min_events\": 3}}");
    review(start("alertReview", "V-LOW"), Map.of("decision", "approve"));
    String edited = start("alertReview", "V-LOW");
    review(edited, Map.of("decision", "approve", "riskLevel", "medium", "reviewReason", "Amount is unusual"));
    catchUp();
    assertThat(api.openAlertsOf(ruleId)).as("two reviews are fewer than min_events").isEmpty();
    review(start("alertReview", "V-LOW"), Map.of("decision", "approve"));
    catchUp();
    assertThat(api.openAlertsOf(ruleId)).as("one of three changed the draft").isEmpty();

    String rejected = start("alertReview", "V-LOW");
    review(rejected, Map.of("decision", "reject", "riskScore", 90L, "reviewReason", "Vendor is on a watch list"));
    catchUp();

    List<JsonNode> open = api.openAlertsOf(ruleId);
    assertThat(open).hasSize(1);
    assertThat(open.get(0).path("summary").asText())
        .isEqualTo("2 reviews that changed the AI draft among 4 within PT1H (50%, limit 50%)");
    JsonNode edit = RecordedTrail.of(auditTrail, edited).single("human_review");
    JsonNode reject = RecordedTrail.of(auditTrail, rejected).single("human_review");
    assertThat(edit.path("output").path("action").asText()).isEqualTo("edit");
    assertThat(reject.path("output").path("action").asText()).isEqualTo("reject");
    assertThat(open.get(0).path("event_ids").toString()).isEqualTo("[\"" + edit.path("event_id").asText()
        + "\",\"" + reject.path("event_id").asText() + "\"]");
  }

  @Test
  void aPromptChangeRaisesAnAlertNamingTheTaskUntilComplianceApprovesTheSnapshot() throws Exception {
    deployReview("alertConfig", "1.0.0");
    catchUp();
    String ruleId = api.createRule("{\"name\": \"Configuration changes\","
        + " \"condition\": \"unapproved_configuration_change\"}");
    String firstRun = start("alertConfig", "V-LOW");
    start("alertConfig", "V-LOW");
    catchUp();
    assertThat(api.openAlertsOf(ruleId)).as("a first run and an unchanged one").isEmpty();

    deployReview("alertConfig", "1.1.0");
    String changed = start("alertConfig", "V-LOW");
    catchUp();

    List<JsonNode> open = api.openAlertsOf(ruleId);
    assertThat(open).hasSize(1);
    assertThat(open.get(0).path("summary").asText()).isEqualTo("1 unapproved configuration change in case "
        + changed + ": AI task alertConfig/draft (prompt)");
    assertThat(open.get(0).path("case").asText()).isEqualTo(changed);
    assertThat(open.get(0).path("event_ids").toString()).isEqualTo("[\"" + decisionOf(changed) + "\"]");

    String approved = RecordedTrail.of(auditTrail, firstRun).single("decision").path("metadata")
        .path("auditrail.configuration_change").path("snapshot_sha256").asText();
    assertThat(api.send("PUT", "/api/alerts/rules/" + ruleId, "{\"name\": \"Configuration changes\","
        + " \"condition\": \"unapproved_configuration_change\", \"parameters\": {\"approved_snapshots\": [\""
        + approved + "\"]}}").statusCode()).isEqualTo(200);
    deployReview("alertConfig", "1.0.0");
    String back = start("alertConfig", "V-LOW");
    catchUp();

    assertThat(RecordedTrail.of(auditTrail, back).single("decision").path("metadata")
        .path("auditrail.configuration_change").path("snapshot_sha256").asText()).isEqualTo(approved);
    assertThat(api.openAlertsOf(ruleId)).hasSize(1);
  }

  @Test
  void badParametersAreRefusedNamingTheField() throws Exception {
    assertThat(api.refusal("{\"name\": \"x\", \"condition\": \"override_rate\"}", "parameters.share"))
        .isEqualTo("share is required: a number above 0 and at most 1, such as 0.3");
    assertThat(api.refusal("{\"name\": \"x\", \"condition\": \"override_rate\", \"parameters\": {\"share\": 1.5}}",
        "parameters.share")).isEqualTo("share must be a number above 0 and at most 1, such as 0.3, but was 1.5");
    assertThat(api.refusal("{\"name\": \"x\", \"condition\": \"high_risk_ai_decisions\", \"parameters\":"
        + " {\"share\": 0.3, \"min_events\": 0}}", "parameters.min_events"))
        .isEqualTo("min_events must be a whole number of at least 1, but was 0");
    assertThat(api.refusal("{\"name\": \"x\", \"condition\": \"high_risk_ai_decisions\", \"parameters\":"
        + " {\"share\": 0.3, \"threshold\": 2}}", "parameters.share"))
        .isEqualTo("give either share or threshold, not both");
    assertThat(api.refusal("{\"name\": \"x\", \"condition\": \"high_risk_ai_decisions\", \"parameters\":"
        + " {\"values\": [\"high\", 3]}}", "parameters.values[1]"))
        .isEqualTo("a value must be a text of 1 to 200 characters, but was 3");
    assertThat(api.refusal("{\"name\": \"x\", \"condition\": \"high_risk_ai_decisions\", \"parameters\":"
        + " {\"at_least\": \"high\"}}", "parameters.at_least"))
        .isEqualTo("at_least must be a number such as 70, but was \"high\"");
    assertThat(api.refusal("{\"name\": \"x\", \"condition\": \"unapproved_configuration_change\", \"parameters\":"
        + " {\"approved_snapshots\": [\"abc\"]}}", "parameters.approved_snapshots[0]"))
        .isEqualTo("a snapshot_sha256 is 64 lowercase hex digits, but was \"abc\"");
    assertThat(api.refusal("{\"name\": \"x\", \"condition\": \"sealing_degraded\", \"parameters\":"
        + " {\"for\": \"soon\"}}", "parameters.for"))
        .isEqualTo("for must be an ISO-8601 duration from PT0S to P31D such as \"PT10M\", but was \"soon\"");
    assertThat(api.refusal("{\"name\": \"x\", \"condition\": \"signing_or_anchor_failure\", \"parameters\":"
        + " {\"window\": \"PT1H\"}}", "parameters.window"))
        .isEqualTo("unknown parameter window; signing_or_anchor_failure takes none");
  }

  @Test
  void anAnchorFailureRaisesOneAlertPerEpisodeDeliveredWhileItsEventWaitsUnsealed() throws Exception {
    AtomicReference<Sequencer> node = new AtomicReference<>(unanchoredNode());
    AlertEvaluator watching = alerting.evaluator(100, () -> node.get().status());
    try (LocalWebhookReceiver receiver = new LocalWebhookReceiver()) {
      catchUp();
      String ruleId = api.createRule("{\"name\": \"Anchoring\", \"condition\": \"signing_or_anchor_failure\","
          + " \"channels\": [{\"type\": \"webhook\", \"url\": \"" + receiver.url() + "\"}]}");
      try {
        watching.evaluate();
        assertThat(api.openAlertsOf(ruleId)).as("a node that has not failed").isEmpty();

        runtimeService.startProcessInstanceByKey("rollbackCase", "unanchored-alert", Map.of("fail", false));
        assertThat(node.get().sealOnce(true)).isPositive();
        long sealed = store.sealedLog().size();
        watching.evaluate();
        watching.evaluate();

        List<JsonNode> open = api.openAlertsOf(ruleId);
        assertThat(open).hasSize(1);
        JsonNode alert = open.get(0);
        assertThat(alert.path("summary").asText()).isEqualTo("checkpoints not anchored or time-stamped: "
            + node.get().status().anchorFailure());
        assertThat(alert.path("case").isNull()).isTrue();
        assertThat(alert.path("event_ids").toString()).isEqualTo("[]");
        // Nothing seals here: the alert_raised event waits unsealed, and the alert is still delivered.
        JsonNode delivered = RecordedTrail.parse(receiver.awaitRequests(1).get(0).body());
        assertThat(delivered.path("alert_id").asText()).isEqualTo(alert.path("id").asText());
        assertThat(delivered.path("case").isNull()).isTrue();
        assertThat(delivered.path("event_ids").toString()).isEqualTo("[]");
        assertThat(store.sealedLog().size()).isEqualTo(sealed);

        // A failure after the state was clean again is a new episode.
        node.set(new Sequencer(store, signer, settings(Files.createTempDirectory("anchors")), Clock.systemUTC()));
        runtimeService.startProcessInstanceByKey("rollbackCase", "anchored-alert", Map.of("fail", false));
        assertThat(node.get().sealOnce(true)).isPositive();
        watching.evaluate();
        assertThat(api.openAlertsOf(ruleId)).hasSize(1);
        node.set(unanchoredNode());
        runtimeService.startProcessInstanceByKey("rollbackCase", "unanchored-again", Map.of("fail", false));
        assertThat(node.get().sealOnce(true)).isPositive();
        watching.evaluate();
        assertThat(api.openAlertsOf(ruleId)).hasSize(2);
      } finally {
        api.deleteRule(ruleId);
      }
    }
  }

  @Test
  void sealingDegradedLongerThanItsTimeRaisesAnAlert() throws Exception {
    Sequencer node = unanchoredNode();
    AlertEvaluator watching = alerting.evaluator(100, node::status);
    catchUp();
    String ruleId = api.createRule("{\"name\": \"Degraded sealing\", \"condition\": \"sealing_degraded\","
        + " \"parameters\": {\"for\": \"PT1S\"}}");
    try {
      catchUp();
      watching.evaluate();
      assertThat(api.openAlertsOf(ruleId)).as("a node that has not failed").isEmpty();

      runtimeService.startProcessInstanceByKey("rollbackCase", "degraded-alert", Map.of("fail", false));
      assertThat(node.sealOnce(true)).isPositive();
      watching.evaluate();
      assertThat(api.openAlertsOf(ruleId)).as("degraded for less than one second").isEmpty();
      Thread.sleep(1100);
      watching.evaluate();

      List<JsonNode> open = api.openAlertsOf(ruleId);
      assertThat(open).hasSize(1);
      assertThat(open.get(0).path("summary").asText()).isEqualTo("sealing degraded for at least PT1S: "
          + node.status().anchorFailure());
      assertThat(open.get(0).path("event_ids").toString()).isEqualTo("[]");
    } finally {
      api.deleteRule(ruleId);
    }
  }

  /** A node of this log whose anchor folder is a file, so that every checkpoint fails to be anchored. */
  private Sequencer unanchoredNode() throws Exception {
    return new Sequencer(store, signer, settings(Files.createTempFile("anchors", ".txt")), Clock.systemUTC());
  }

  private static LogSettings settings(Path anchors) {
    return new LogSettings("auditrail.example/log", "auditrail", Path.of("unused"), anchors, Duration.ofMillis(200),
        Duration.ZERO, 100, List.of(), (URI) null, Duration.ofSeconds(2));
  }

  private void deploy(String key, String promptVersion) {
    Map<String, String> properties = new HashMap<>();
    properties.put("ai.prompt", "risk-rating");
    properties.put("ai.prompt-version", promptVersion);
    properties.put("ai.model", "draft-model");
    properties.put("ai.output-variable", "riskAssessment");
    properties.put("ai.output-format", "json");
    properties.put("ai.output-fields", "riskScore:number, riskLevel:low|medium|high, riskRationale:string");
    repositoryService.createDeployment().addString(key + ".bpmn", AiProcesses.xml(key, properties)
        .replace("camunda:asyncBefore=\"true\"", "")).deploy();
  }

  private void deployReview(String key, String promptVersion) {
    Map<String, String> review = new HashMap<>();
    review.put("review.ai-task", "draft");
    review.put("review.draft-fields", "riskScore,riskLevel");
    review.put("review.decision-field", "decision");
    review.put("review.reason-field", "reviewReason");
    review.put("review.four-eyes", "none");
    repositoryService.createDeployment().addString(key + ".bpmn", ReviewProcesses.xml(key, promptVersion, review))
        .deploy();
  }

  private String start(String key, String vendorId) {
    return runtimeService.startProcessInstanceByKey(key, Variables.createVariables().putValue("invoiceNumber",
        "INV-" + vendorId).putValue("vendorId", vendorId).putValue("amount", 9100).putValue("fail", false)).getId();
  }

  private void review(String processInstanceId, Map<String, Object> variables) {
    identityService.setAuthentication("mary", List.of("reviewers"));
    try {
      taskService.complete(taskService.createTaskQuery().processInstanceId(processInstanceId).singleResult().getId(),
          variables);
    } finally {
      identityService.clearAuthentication();
    }
  }

  private String decisionOf(String processInstanceId) {
    return RecordedTrail.of(auditTrail, processInstanceId).single("decision").path("event_id").asText();
  }

  /** Seals what waits and evaluates. */
  private void catchUp() throws Exception {
    while (sequencer.sealOnce(true) > 0) {
      // Seal until nothing waits.
    }
    evaluator.evaluate();
  }

  /** The offline responder rates vendor V-HIGH high risk and every other vendor low. */
  @TestConfiguration(proxyBeanMethods = false)
  static class RiskRule {
    @Bean
    ResponderRule alertRiskRule() {
      return request -> Optional.of(AiMessage.from(request.messages().toString().contains("V-HIGH") ? HIGH : LOW));
    }
  }
}
