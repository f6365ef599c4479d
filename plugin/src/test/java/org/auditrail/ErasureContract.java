package org.auditrail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.auditrail.event.Actor;
import org.auditrail.privacy.ErasedSubjectException;
import org.auditrail.privacy.ErasureIncompleteException;
import org.auditrail.privacy.SubjectRights;
import org.auditrail.seal.LogVerification;
import org.auditrail.seal.Sequencer;
import org.auditrail.trail.AuditTrail;
import org.auditrail.web.AuditTrailController;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * Erasure removes the person from the engine's history too: a KYC-like case whose history holds a personal
 * variable, a JSON variable with a personal field, a large value, a form submission and free text that names the
 * person leaves neither the name nor the date of birth in any engine table once the subject is erased; the
 * erasure can be finished after it stopped half-way; two customers of the same name are two subjects. Run on
 * every database.
 */
@SpringBootTest(classes = org.auditrail.testapp.AuditTestApplication.class, properties = {
    "audit.privacy.personal-variables=customerNumber,customerName,applicant.dateOfBirth",
    "audit.privacy.subject-variable=customerNumber",
    "audit.privacy.personal-business-key=true",
    "audit.privacy.master-key-file=target/test-keys/erasure-${random.uuid}"})
abstract class ErasureContract {

  static final String NAME = "Ivan Petrovich Sidorov";
  static final String BORN = "1961-02-03";

  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired FormService formService;
  @Autowired HistoryService historyService;
  @Autowired RepositoryService repositoryService;
  @Autowired IdentityService identityService;
  @Autowired SubjectRights rights;
  @Autowired AuditTrail auditTrail;
  @Autowired DataSource dataSource;
  @Autowired Sequencer sequencer;
  @Autowired LogVerification verification;
  @Autowired AuditTrailController trailController;

  @Test
  void anErasedSubjectIsInNoTableOfTheEngineAndTheLogStillVerifies() throws Exception {
    String caseId = kycCase("C-1001", NAME, BORN);
    assertThat(holders(NAME)).as("the engine's history holds the name before the erasure")
        .anyMatch(place -> place.startsWith("act_hi_detail")).anyMatch(place -> place.startsWith("act_ge_bytearray"));
    String subject = rights.lookup("C-1001").path("subject_id").asText();
    assertThat(subject).matches("subject_[0-9a-f]{32}");

    JsonNode erased = rights.erase(subject, Actor.user("petra", null));

    assertThat(holders(NAME)).as("places that hold the name").isEmpty();
    assertThat(holders(BORN)).as("places that hold the date of birth").isEmpty();
    assertThat(erased.path("cases").toString()).isEqualTo("[\"" + caseId + "\"]");
    assertThat(erased.path("variables").toString())
        .isEqualTo("[\"applicant\",\"customerName\",\"customerNumber\",\"dossier\",\"note\"]");
    assertThat(erased.path("removed").toString()).isEqualTo("{\"variable_instances_deleted\":2,"
        + "\"variable_instances_rewritten\":3,\"details_deleted\":3,\"details_rewritten\":3,"
        + "\"form_properties_deleted\":1,\"form_properties_rewritten\":1,\"byte_arrays_rewritten\":2,"
        + "\"byte_arrays_deleted\":0,\"business_keys_rewritten\":0,\"texts_rewritten\":0}");
    String applicant = (String) historyService.createHistoricVariableInstanceQuery().processInstanceId(caseId)
        .variableName("applicant").singleResult().getValue();
    assertThat(applicant).as("the JSON variable without its personal field").isEqualTo("{\"segment\":\"retail\"}");
    String note = (String) historyService.createHistoricVariableInstanceQuery().processInstanceId(caseId)
        .variableName("note").singleResult().getValue();
    assertThat(note).matches("called customerName_T[0-9a-f]{32} back");
    JsonNode event = RecordedTrail.of(auditTrail, subject).single("subject_erased");
    assertThat(event.path("output").path("removed")).isEqualTo(erased.path("removed"));
    assertThat(event.path("output").path("cases")).isEqualTo(erased.path("cases"));
    sequencer.sealOnce(true);
    assertThat(verification.run().verified()).as(verification.run().summary()).isTrue();
  }

  @Test
  void anErasureThatStoppedHalfWayIsRecordedAndASecondRequestFinishesIt() throws Exception {
    String first = kycCase("C-2002", "Olga Halfway", "1970-05-06");
    String second = kycCase("C-2002", "Olga Halfway", "1970-05-06");
    String subject = rights.lookup("C-2002").path("subject_id").asText();
    String refused = first.compareTo(second) > 0 ? first : second;
    String cleaned = refused.equals(first) ? second : first;
    refuseHistoryChangesOf(refused);
    try {
      assertThatThrownBy(() -> rights.erase(subject, Actor.user("petra", null)))
          .isInstanceOf(ErasureIncompleteException.class)
          .hasMessage("AUDIT-141 the erasure of data subject '" + subject + "' stopped while removing them from the"
              + " history of case " + refused + "; it is recorded as incomplete, and a second erase request"
              + " finishes it");
    } finally {
      allowHistoryChanges();
    }
    assertThat(rights.lookup("C-2002").path("erased").asBoolean()).isFalse();
    assertThat(erasureProgress(subject)).contains("\"" + cleaned + "\"").doesNotContain(refused)
        .doesNotContain("Olga");
    assertThat(holders("Olga Halfway")).as("the refused case keeps its history until the second request")
        .isNotEmpty();

    JsonNode erased = rights.erase(subject, Actor.user("petra", null));

    assertThat(erased.path("cases").toString()).isEqualTo("[\"" + cleaned + "\",\"" + refused + "\"]");
    assertThat(erased.path("removed").path("variable_instances_deleted").asInt()).isEqualTo(4);
    assertThat(holders("Olga Halfway")).isEmpty();
    assertThat(RecordedTrail.of(auditTrail, subject).single("subject_erased").path("output").path("cases"))
        .isEqualTo(erased.path("cases"));
    assertThatThrownBy(() -> rights.erase(subject, Actor.user("petra", null)))
        .isInstanceOf(ErasedSubjectException.class);
  }

  @Test
  void twoCustomersOfTheSameNameAreTwoSubjectsAndErasingOneLeavesTheOther() {
    String kept = kycCase("C-3003", "Anna Twin", "1980-07-08");
    kycCase("C-3004", "Anna Twin", "1990-09-10");
    String keptSubject = rights.lookup("C-3003").path("subject_id").asText();
    String erasedSubject = rights.lookup("C-3004").path("subject_id").asText();
    assertThat(keptSubject).isNotEqualTo(erasedSubject);

    rights.erase(erasedSubject, Actor.user("petra", null));

    JsonNode export = rights.export(keptSubject, Actor.user("petra", null));
    assertThat(export.path("erased").asBoolean()).isFalse();
    assertThat(export.path("identities").toString()).contains("\"Anna Twin\"", "\"C-3003\"");
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(kept)
        .variableName("customerName").singleResult().getValue()).isEqualTo("Anna Twin");
  }

  @Test
  void aPersonalBusinessKeyIsATokenInEveryEventAndTheEventsQueryFindsTheCaseByItsClearKey() throws Exception {
    String businessKey = "KYC-Boris-Keyholder";
    String caseId = kycCase("C-4005", "Boris Keyholder", "1975-01-02", businessKey);
    RecordedTrail trail = RecordedTrail.of(auditTrail, caseId);
    List<String> keys = trail.where(event -> event.path("context").has("business_key")).stream()
        .map(event -> event.path("context").path("business_key").asText()).distinct().toList();
    assertThat(keys).hasSize(1);
    assertThat(keys.get(0)).matches("businessKey_T[0-9a-f]{32}");
    assertThat(trail.where(event -> event.path("context").has("process_instance_id")))
        .allMatch(event -> event.path("context").has("business_key"));
    assertThat(holders(businessKey)).as("only the engine keeps the clear key")
        .containsExactly("act_hi_procinst.business_key_");

    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/audit/events");
    request.addParameter("businessKey", businessKey);
    request.addParameter("size", "500");
    JsonNode found = RecordedTrail.parse(trailController.events(request).getBody());
    assertThat(found.path("total").asInt())
        .isEqualTo(trail.where(event -> event.path("context").has("business_key")).size());
    assertThat(found.path("events").findValuesAsText("trace_id")).containsOnly(caseId);

    String subject = rights.lookup("C-4005").path("subject_id").asText();
    assertThat(rights.resolve(keys.get(0), Actor.user("petra", null)).path("value").asText()).isEqualTo(businessKey);
    JsonNode erased = rights.erase(subject, Actor.user("petra", null));
    assertThat(erased.path("removed").path("business_keys_rewritten").asInt()).isEqualTo(1);
    assertThat(holders(businessKey)).isEmpty();
  }

  /** Runs a KYC case to its end: personal variables, a JSON variable, a large value, a form with free text. */
  private String kycCase(String customerNumber, String name, String born) {
    return kycCase(customerNumber, name, born, null);
  }

  private String kycCase(String customerNumber, String name, String born, String businessKey) {
    if (repositoryService.createProcessDefinitionQuery().processDefinitionKey("kycCase").count() == 0) {
      repositoryService.createDeployment().addString("kyc.bpmn", KYC_PROCESS).deploy();
    }
    identityService.setAuthenticatedUserId("demo");
    try {
      Map<String, Object> variables = new LinkedHashMap<>();
      variables.put("customerNumber", customerNumber);
      variables.put("customerName", name);
      variables.put("applicant", "{\"dateOfBirth\":\"" + born + "\",\"segment\":\"retail\"}");
      String caseId = runtimeService.startProcessInstanceByKey("kycCase", businessKey, variables).getId();
      // A scanned dossier above the inline limit, which arrives once the case knows its applicant (free text can only
      // be searched for values the vault has seen): a byte array value, kept in ACT_GE_BYTEARRAY.
      String dossier = "Dossier of " + name + ", born " + born + ".\n" + "x".repeat(70 * 1024);
      runtimeService.setVariable(caseId, "dossier", Variables.byteArrayValue(dossier.getBytes(StandardCharsets.UTF_8)));
      String task = taskService.createTaskQuery().processInstanceId(caseId).singleResult().getId();
      formService.submitTaskForm(task, Map.of("customerName", name, "note", "called " + name + " back"));
      return caseId;
    } finally {
      identityService.clearAuthentication();
    }
  }

  /** Every cell of every table and view of the database, the engine's and the audit store's, that holds the text. */
  private List<String> holders(String text) throws SQLException {
    return DatabaseScan.cellsHolding(dataSource, text, DatabaseScan.EVERY_TABLE);
  }

  private String erasureProgress(String subject) throws SQLException {
    try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(
        "select erasure_started_at, erasure_progress from audit_privacy_subject where subject_id = ?")) {
      query.setString(1, subject);
      try (ResultSet row = query.executeQuery()) {
        assertThat(row.next()).isTrue();
        assertThat(row.getObject(1)).as("the erasure is recorded as begun").isNotNull();
        return row.getString(2);
      }
    }
  }

  /** A real failure half-way: the database refuses to change the history of one case. */
  private void refuseHistoryChangesOf(String processInstanceId) throws SQLException {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      if (isPostgres(connection)) {
        statement.execute("create or replace function refuse_history_change() returns trigger language plpgsql as"
            + " $$ begin if old.proc_inst_id_ = '" + processInstanceId + "' then raise exception"
            + " 'history change refused for the test'; end if; return coalesce(new, old); end $$");
        statement.execute("create trigger refuse_history before update or delete on act_hi_varinst for each row"
            + " execute function refuse_history_change()");
      } else {
        RefusingTrigger.refuse("REFUSE_HISTORY", processInstanceId);
        statement.execute("create trigger refuse_history before update, delete on ACT_HI_VARINST for each row"
            + " call \"" + RefusingTrigger.class.getName() + "\"");
      }
    }
  }

  private void allowHistoryChanges() throws SQLException {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute(isPostgres(connection) ? "drop trigger refuse_history on act_hi_varinst"
          : "drop trigger refuse_history");
    }
  }

  private static boolean isPostgres(Connection connection) throws SQLException {
    return connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
  }

  static final String KYC_PROCESS = """
      <?xml version="1.0" encoding="UTF-8"?>
      <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="definitions" targetNamespace="urn:auditrail:test">
        <bpmn:process id="kycCase" isExecutable="true" camunda:historyTimeToLive="P30D">
          <bpmn:startEvent id="start"/>
          <bpmn:sequenceFlow id="toCollect" sourceRef="start" targetRef="collect"/>
          <bpmn:userTask id="collect" name="Collect the customer's details">
            <bpmn:extensionElements>
              <camunda:formData>
                <camunda:formField id="customerName" type="string"/>
                <camunda:formField id="note" type="string"/>
              </camunda:formData>
            </bpmn:extensionElements>
          </bpmn:userTask>
          <bpmn:sequenceFlow id="toEnd" sourceRef="collect" targetRef="end"/>
          <bpmn:endEvent id="end"/>
        </bpmn:process>
      </bpmn:definitions>
      """;
}
