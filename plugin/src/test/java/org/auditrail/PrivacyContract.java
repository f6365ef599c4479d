package org.auditrail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.auditrail.ai.ResponderRule;
import org.auditrail.event.Actor;
import org.auditrail.privacy.ErasedSubjectException;
import org.auditrail.privacy.SubjectRights;
import org.auditrail.privacy.UnknownSubjectException;
import org.auditrail.seal.LogVerification;
import org.auditrail.seal.Sequencer;
import org.auditrail.trail.AuditTrail;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Privacy by design on the real engine: a personal variable is a token in every event, blob and model prompt; the
 * vault resolves it for an officer; erasure destroys the subject's key, after which nothing recovers the person
 * from any audit table or blob, the log still verifies, and the erasure is an event. Run on every database.
 */
@SpringBootTest(classes = {org.auditrail.testapp.AuditTestApplication.class, PrivacyContract.EchoRule.class},
    properties = {
        "audit.privacy.personal-variables=customerName,applicant.dateOfBirth",
        "audit.privacy.master-key-file=target/test-keys/privacy-${random.uuid}",
        "audit.ai.models.privacy-model.provider=offline",
        "audit.ai.models.privacy-model.model-id=auditrail-rule-based-responder-v1",
        "audit.ai.models.privacy-model.approved-for=privacyCase",
        "audit.ai.models.privacy-model.validation-status=approved"})
abstract class PrivacyContract {

  static final String NAME = "Ivan Petrovich Sidorov";

  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired RepositoryService repositoryService;
  @Autowired IdentityService identityService;
  @Autowired SubjectRights rights;
  @Autowired AuditTrail auditTrail;
  @Autowired DataSource dataSource;
  @Autowired Sequencer sequencer;
  @Autowired LogVerification verification;

  @Test
  void aPersonalValueIsATokenEverywhereAndAnErasureLeavesNothingButAVerifiableLog() throws Exception {
    ProcessInstance instance = startCase(NAME);
    RecordedTrail trail = RecordedTrail.of(auditTrail, instance.getId());
    JsonNode created = trail.where(event -> event.path("event_type").asText().equals("variable_created")
        && event.path("output").path("name").asText().equals("customerName")).get(0);
    String token = created.path("output").path("value").path("value").asText();
    assertThat(token).matches("customerName_T[0-9a-f]{32}");
    assertThat(created.path("output").path("value").path("tokenized").asBoolean()).isTrue();
    // The model declares country personal too (ai.personal-variables), beside the configured customerName.
    String country = trail.where(event -> event.path("event_type").asText().equals("variable_created")
        && event.path("output").path("name").asText().equals("country")).get(0)
        .path("output").path("value").path("value").asText();
    assertThat(country).matches("country_T[0-9a-f]{32}");
    // The model was given the tokens, not the values: the offline responder answers with the prompt it received.
    assertThat(trail.single("decision").path("output").path("value").asText())
        .isEqualTo("Assess the onboarding risk of customer " + token + " from " + country + ".\n");
    assertThat(occurrences(NAME)).as("places in the audit store that hold the name in clear").isEmpty();
    // A JSON path (applicant.dateOfBirth) is tokenized inside the variable's JSON; the rest stays readable.
    String applicant = trail.where(event -> event.path("event_type").asText().equals("variable_created")
        && event.path("output").path("name").asText().equals("applicant")).get(0)
        .path("output").path("value").path("value").asText();
    assertThat(applicant).matches("\\{\"dateOfBirth\":\"applicant\\.dateOfBirth_T[0-9a-f]{32}\",\"segment\":\"retail\"}");
    assertThat(occurrences("1961-02-03")).isEmpty();

    String subject = rights.lookup(NAME).path("subject_id").asText();
    assertThat(rights.resolve(token, Actor.user("petra", null)).path("value").asText()).isEqualTo(NAME);
    JsonNode export = rights.export(subject, Actor.user("petra", null));
    assertThat(export.path("identities").path(token).asText()).isEqualTo(NAME);
    assertThat(export.path("events").toString()).contains(NAME).doesNotContain(token);
    assertThat(export.path("events").findValuesAsText("event_type")).contains("process_started", "model_call",
        "decision", "variable_created", "identity_resolved");

    taskService.complete(taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult().getId());
    JsonNode erased = rights.erase(subject, Actor.user("petra", null));
    assertThat(erased.path("tokens").asInt()).isEqualTo(3);

    assertThatThrownBy(() -> rights.resolve(token, Actor.user("petra", null)))
        .isInstanceOf(ErasedSubjectException.class)
        .hasMessage("data subject '" + subject + "' was erased; its personal data can no longer be read");
    assertThat(occurrences(NAME)).isEmpty();
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
        .variableName("customerName").count()).as("the engine's history of the personal variable").isZero();
    assertThat(rights.export(subject, Actor.user("petra", null)).path("events").toString()).contains(token)
        .doesNotContain(NAME);

    JsonNode erasure = RecordedTrail.of(auditTrail, subject).single("subject_erased");
    assertThat(erasure.path("actor").path("id").asText()).isEqualTo("petra");
    assertThat(RecordedTrail.of(auditTrail, subject).ofType("identity_resolved")).hasSize(3);
    sequencer.sealOnce(true);
    assertThat(verification.run().verified()).as(verification.run().summary()).isTrue();
  }

  @Test
  void erasingAnUnknownOrErasedSubjectOrOneWithARunningCaseIsRefusedAndChangesNothing() {
    assertThatThrownBy(() -> rights.erase("subject_0000000000000000", Actor.user("petra", null)))
        .isInstanceOf(UnknownSubjectException.class)
        .hasMessage("no data subject 'subject_0000000000000000' is known; nothing was erased or exported");
    ProcessInstance running = startCase("Olga Running");
    String subject = rights.lookup("Olga Running").path("subject_id").asText();
    assertThatThrownBy(() -> rights.erase(subject, Actor.user("petra", null)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("data subject '" + subject + "' has running cases [" + running.getId() + "]; complete or"
            + " cancel them before the erasure");
    assertThat(rights.lookup("Olga Running").path("erased").asBoolean()).isFalse();
  }

  private ProcessInstance startCase(String customer) {
    if (repositoryService.createProcessDefinitionQuery().processDefinitionKey("privacyCase").count() == 0) {
      repositoryService.createDeployment().addString("privacy.bpmn", PRIVACY_PROCESS).deploy();
    }
    identityService.setAuthenticatedUserId("demo");
    try {
      // The country arrives before the name that identifies the person: the vault moves it to the person.
      Map<String, Object> variables = new LinkedHashMap<>();
      variables.put("country", "KP");
      variables.put("customerName", customer);
      variables.put("applicant", "{\"dateOfBirth\":\"1961-02-03\",\"segment\":\"retail\"}");
      return runtimeService.startProcessInstanceByKey("privacyCase", variables);
    } finally {
      identityService.clearAuthentication();
    }
  }

  /** Every audit table row and content blob that holds the text, as "table: key". */
  private List<String> occurrences(String text) throws SQLException {
    List<String> found = new ArrayList<>();
    try (Connection connection = dataSource.getConnection()) {
      for (String sql : List.of("select command_id, events from audit_command",
          "select sha256, content from audit_content", "select token, ciphertext from audit_privacy_token",
          "select subject_id, wrapped_key from audit_privacy_subject", "select cast(first_index as varchar(32)), entries from audit_log_batch",
          "select cast(tree_size as varchar(32)), signed_note from audit_checkpoint")) {
        try (PreparedStatement query = connection.prepareStatement(sql); ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            byte[] value = rows.getBytes(2);
            if (value != null && new String(value, StandardCharsets.UTF_8).contains(text)) {
              found.add(sql + ": " + rows.getString(1));
            }
          }
        }
      }
    }
    return found;
  }

  static final String PRIVACY_PROCESS = """
      <?xml version="1.0" encoding="UTF-8"?>
      <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="definitions" targetNamespace="urn:auditrail:test">
        <bpmn:process id="privacyCase" isExecutable="true" camunda:historyTimeToLive="P30D">
          <bpmn:startEvent id="start"/>
          <bpmn:sequenceFlow id="toAssess" sourceRef="start" targetRef="assess"/>
          <bpmn:serviceTask id="assess" camunda:delegateExpression="${auditAiTask}">
            <bpmn:extensionElements>
              <camunda:properties>
                <camunda:property name="ai.prompt" value="privacy-check"/>
                <camunda:property name="ai.prompt-version" value="1.0.0"/>
                <camunda:property name="ai.model" value="privacy-model"/>
                <camunda:property name="ai.output-variable" value="assessment"/>
                <camunda:property name="ai.personal-variables" value="country"/>
              </camunda:properties>
            </bpmn:extensionElements>
          </bpmn:serviceTask>
          <bpmn:sequenceFlow id="toReview" sourceRef="assess" targetRef="review"/>
          <bpmn:userTask id="review" name="Review"/>
          <bpmn:sequenceFlow id="toEnd" sourceRef="review" targetRef="end"/>
          <bpmn:endEvent id="end"/>
        </bpmn:process>
      </bpmn:definitions>
      """;

  /** The offline responder answers with the prompt it was given, so the test sees what the model saw. */
  @TestConfiguration(proxyBeanMethods = false)
  static class EchoRule {
    @Bean
    ResponderRule echoPromptRule() {
      return request -> request.messages().stream().filter(UserMessage.class::isInstance)
          .map(message -> AiMessage.from(((UserMessage) message).singleText())).findFirst()
          .or(() -> Optional.empty());
    }
  }
}
