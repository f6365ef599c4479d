package org.auditrail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.auditrail.seal.LogVerification;
import org.auditrail.seal.Sequencer;
import org.auditrail.store.ContentBlob;
import org.auditrail.trail.AuditTrail;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * DMN decisions and gateway conditions leave no silent step, run on every database: each evaluated decision of a
 * business rule task (and each decision it required) is a {@code decision_evaluated} event with its inputs, matched
 * rules and outputs; a decision a user evaluates through the {@code DecisionService} is a trace of its own; a
 * gateway's event carries the values its conditions read. {@code creditScore} is personal, so it is a token.
 */
@SpringBootTest(classes = org.auditrail.testapp.AuditTestApplication.class,
    properties = {
        "audit.privacy.personal-variables=creditScore",
        "audit.privacy.master-key-file=target/test-keys/decision-privacy-${random.uuid}"})
abstract class DecisionContract {

  @Autowired RuntimeService runtimeService;
  @Autowired DecisionService decisionService;
  @Autowired HistoryService historyService;
  @Autowired RepositoryService repositoryService;
  @Autowired IdentityService identityService;
  @Autowired AuditTrail auditTrail;
  @Autowired Sequencer sequencer;
  @Autowired LogVerification verification;

  @AfterEach
  void logOut() {
    identityService.clearAuthentication();
  }

  @Test
  void aBusinessRuleTaskRecordsItsDecisionAndTheRequiredDecisionWithInputsMatchedRulesAndOutputs() throws Exception {
    ProcessInstance instance = runtimeService.startProcessInstanceByKey("loanDecision",
        Map.of("creditScore", 700, "amount", 5000, "riskScore", 60));

    RecordedTrail trail = RecordedTrail.of(auditTrail, instance.getId());
    Map<String, String> instances = historyService.createHistoricDecisionInstanceQuery()
        .processInstanceId(instance.getId()).list().stream()
        .collect(Collectors.toMap(HistoricDecisionInstance::getDecisionDefinitionKey, HistoricDecisionInstance::getId));
    List<JsonNode> decisions = trail.ofType("decision_evaluated");
    assertThat(decisions).extracting(event -> event.path("output").path("decision_definition_key").asText())
        .containsExactly("loanApproval", "creditBand");

    // The decision the task asked for, a child of the task's start, with the DMN it ran by hash.
    JsonNode approval = decisions.get(0);
    assertThat(approval.path("trace_id").asText()).isEqualTo(instance.getId());
    assertThat(approval.path("parent_event_id").asText())
        .isEqualTo(trail.single("activity_started", "assess").path("event_id").asText());
    assertThat(approval.path("context").path("activity_id").asText()).isEqualTo("assess");
    String approvalDefinition = definitionId("loanApproval");
    assertThat(approval.path("snapshot").path("decision").toString()).isEqualTo("{"
        + "\"decision_definition_id\":\"" + approvalDefinition + "\","
        + "\"decision_requirements_definition_id\":\"" + drdId() + "\","
        + "\"deployment_id\":\"" + deploymentId() + "\","
        + "\"dmn_resource\":\"" + dmnResource() + "\",\"dmn_sha256\":\"" + dmnSha256() + "\"}");
    assertThat(approval.path("snapshot").path("bpmn_sha256").asText()).hasSize(64);
    assertThat(approval.path("input").toString()).isEqualTo("{\"inputs\":["
        + "{\"clause_id\":\"bandInput\",\"expression\":\"band\",\"label\":\"Band\","
        + "\"value\":{\"type\":\"string\",\"value\":\"good\"}},"
        + "{\"clause_id\":\"amountInput\",\"expression\":\"amount\",\"label\":\"Amount\","
        + "\"value\":{\"type\":\"integer\",\"value\":5000}}]}");
    assertThat(approval.path("output").toString()).isEqualTo("{\"aggregator\":null,"
        + "\"decision_definition_id\":\"" + approvalDefinition + "\",\"decision_definition_key\":\"loanApproval\","
        + "\"decision_definition_name\":\"Loan approval\",\"decision_definition_version\":1,"
        + "\"decision_instance_id\":\"" + instances.get("loanApproval") + "\",\"decision_logic\":\"decision_table\","
        + "\"hit_policy\":\"FIRST\",\"matched_rules\":[{\"rule_id\":\"approveGood\",\"rule_order\":1}],"
        + "\"outputs\":[{\"clause_id\":\"approvedOutput\",\"label\":\"Approved\",\"name\":\"approved\","
        + "\"rule_id\":\"approveGood\",\"rule_order\":1,\"value\":{\"type\":\"boolean\",\"value\":true}}]}");

    // The required decision: a child of the decision that required it; its personal input is a token.
    JsonNode band = decisions.get(1);
    assertThat(band.path("parent_event_id").asText()).isEqualTo(approval.path("event_id").asText());
    assertThat(band.path("metadata").path("root_decision_instance_id").asText())
        .isEqualTo(instances.get("loanApproval"));
    assertThat(band.path("snapshot").path("decision").path("decision_definition_id").asText())
        .isEqualTo(definitionId("creditBand"));
    assertThat(band.path("input").toString().replaceAll("creditScore_T[0-9a-f]{32}", "<token>"))
        .isEqualTo("{\"inputs\":[{\"clause_id\":\"creditScoreInput\",\"expression\":\"creditScore\","
            + "\"label\":\"Credit score\",\"value\":{\"tokenized\":true,\"type\":\"integer\",\"value\":\"<token>\"}}]}");
    // No value of the event is the score (a search of the text would also find "700" inside random ids).
    assertThat(band.findValues("value")).extracting(JsonNode::asText).doesNotContain("700");
    assertThat(band.path("output").path("decision_instance_id").asText()).isEqualTo(instances.get("creditBand"));
    assertThat(band.path("output").path("hit_policy").asText()).isEqualTo("UNIQUE");
    assertThat(band.path("output").path("matched_rules").toString())
        .isEqualTo("[{\"rule_id\":\"goodBand\",\"rule_order\":1}]");
    assertThat(band.path("output").path("outputs").toString()).isEqualTo("[{\"clause_id\":\"bandOutput\","
        + "\"label\":\"Band\",\"name\":\"band\",\"rule_id\":\"goodBand\",\"rule_order\":1,"
        + "\"value\":{\"type\":\"string\",\"value\":\"good\"}}]");

    // The DMN XML the snapshot names is in the content store, so the sealed log verifies.
    while (sequencer.sealOnce(true) > 0) {
      // Seal batch after batch until nothing is waiting.
    }
    assertThat(verification.run().findings()).isEmpty();
  }

  @Test
  void aGatewayRecordsTheValuesOfTheVariablesItsEvaluatedConditionsRead() {
    ProcessInstance instance = runtimeService.startProcessInstanceByKey("loanDecision",
        Map.of("creditScore", 580, "amount", 5000, "riskScore", 60));

    JsonNode gateway = RecordedTrail.of(auditTrail, instance.getId()).single("gateway_decision", "riskGateway");
    // The first condition held, so the second (reading approved and amount) was never evaluated.
    assertThat(gateway.path("input").path("variables").toString())
        .isEqualTo("{\"riskScore\":{\"type\":\"integer\",\"value\":60}}");
    assertThat(gateway.path("output").path("sequence_flow_id").asText()).isEqualTo("manualReview");
  }

  @Test
  void aDecisionAUserEvaluatesThroughTheDecisionServiceIsATraceOfItsOwnAttributedToTheUser() throws Exception {
    identityService.setAuthenticatedUserId("dora");
    decisionService.evaluateDecisionTableByKey("feeTotal", Map.<String, Object>of("amount", 5000));
    identityService.clearAuthentication();

    String decisionInstanceId = historyService.createHistoricDecisionInstanceQuery()
        .decisionDefinitionKey("feeTotal").singleResult().getId();
    List<JsonNode> events = auditTrail.trace(decisionInstanceId).map(AuditTrail.Trace::events).orElse(List.of())
        .stream().map(RecordedTrail::parse).toList();
    assertThat(events).hasSize(1);
    JsonNode fee = events.get(0);
    assertThat(fee.path("event_type").asText()).isEqualTo("decision_evaluated");
    assertThat(fee.path("actor").toString()).isEqualTo("{\"id\":\"dora\",\"run_id\":null,\"type\":\"user\"}");
    assertThat(fee.path("parent_event_id").isNull()).isTrue();
    assertThat(fee.path("context").path("process_instance_id").isMissingNode()).isTrue();
    assertThat(fee.path("snapshot").toString()).isEqualTo("{\"decision\":{"
        + "\"decision_definition_id\":\"" + definitionId("feeTotal") + "\","
        + "\"decision_requirements_definition_id\":\"" + drdId() + "\","
        + "\"deployment_id\":\"" + deploymentId() + "\","
        + "\"dmn_resource\":\"" + dmnResource() + "\",\"dmn_sha256\":\"" + dmnSha256() + "\"}}");
    assertThat(fee.path("input").toString()).isEqualTo("{\"inputs\":[{\"clause_id\":\"feeAmountInput\","
        + "\"expression\":\"amount\",\"label\":\"Amount\",\"value\":{\"type\":\"integer\",\"value\":5000}}]}");
    assertThat(fee.path("output").toString()).isEqualTo("{\"aggregator\":\"SUM\",\"collect_result_value\":35,"
        + "\"decision_definition_id\":\"" + definitionId("feeTotal") + "\",\"decision_definition_key\":\"feeTotal\","
        + "\"decision_definition_name\":\"Fee total\",\"decision_definition_version\":1,"
        + "\"decision_instance_id\":\"" + decisionInstanceId + "\",\"decision_logic\":\"decision_table\","
        + "\"hit_policy\":\"COLLECT\",\"matched_rules\":[{\"rule_id\":\"baseFee\",\"rule_order\":1},"
        + "{\"rule_id\":\"largeLoanFee\",\"rule_order\":2}],"
        + "\"outputs\":[{\"clause_id\":\"feeOutput\",\"label\":\"Fee\",\"name\":\"fee\",\"rule_id\":\"baseFee\","
        + "\"rule_order\":1,\"value\":{\"type\":\"integer\",\"value\":10}},"
        + "{\"clause_id\":\"feeOutput\",\"label\":\"Fee\",\"name\":\"fee\",\"rule_id\":\"largeLoanFee\","
        + "\"rule_order\":2,\"value\":{\"type\":\"integer\",\"value\":25}}]}");
  }

  private DecisionDefinition definition(String key) {
    return repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey(key).singleResult();
  }

  private String definitionId(String key) {
    return definition(key).getId();
  }

  private String drdId() {
    return definition("creditBand").getDecisionRequirementsDefinitionId();
  }

  private String deploymentId() {
    return definition("creditBand").getDeploymentId();
  }

  private String dmnResource() {
    return definition("creditBand").getResourceName();
  }

  private String dmnSha256() throws Exception {
    try (var model = repositoryService.getDecisionModel(definitionId("creditBand"))) {
      return ContentBlob.sha256Hex(model.readAllBytes());
    }
  }
}
