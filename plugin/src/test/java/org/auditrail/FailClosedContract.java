package org.auditrail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.auditrail.capture.ActionNotRecordedException;
import org.auditrail.capture.PersonalValueNotKeptException;
import org.auditrail.event.Actor;
import org.auditrail.privacy.SubjectRights;
import org.auditrail.privacy.SubjectVault;
import org.auditrail.report.ComplianceReports;
import org.auditrail.report.ReportMonth;
import org.auditrail.trail.AuditTrail;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Fail closed: a disclosure or a destruction (an identity resolved, a subject erased, a report handed out) happens
 * only once its event is written, and a personal value the vault cannot keep fails the engine command. The database
 * refuses the writes through a trigger, on every database.
 */
@SpringBootTest(classes = org.auditrail.testapp.AuditTestApplication.class, properties = {
    "audit.privacy.personal-variables=customerName",
    "audit.privacy.master-key-file=target/test-keys/privacy-${random.uuid}"})
abstract class FailClosedContract {

  static final String NAME = "Ivan Petrovich Sidorov";

  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired RepositoryService repositoryService;
  @Autowired SubjectRights rights;
  @Autowired SubjectVault vault;
  @Autowired ComplianceReports reports;
  @Autowired AuditTrail auditTrail;
  @Autowired DataSource dataSource;

  /** Makes the table refuse every inserted row whose text contains {@code text} ("" for every row). */
  abstract void refuseInserts(Connection connection, String table, String text) throws SQLException;

  abstract void allowInserts(Connection connection, String table) throws SQLException;

  @BeforeEach
  void deploy() {
    if (repositoryService.createProcessDefinitionQuery().processDefinitionKey("onboarding").count() == 0) {
      repositoryService.createDeployment().addString("onboarding.bpmn", PROCESS).deploy();
    }
  }

  @Test
  void aResolutionWhoseEventCannotBeWrittenFailsAndDisclosesNothing() throws Exception {
    String token = tokenOf(startCase(NAME, "resolve-1"));
    String subject = rights.lookup(NAME).path("subject_id").asText();

    refusing("audit_command", "identity_resolved", () -> assertThatThrownBy(
        () -> rights.resolve(token, Actor.user("petra", null)))
        .isInstanceOf(ActionNotRecordedException.class)
        .hasMessageStartingWith("AUDIT-126 the identity_resolved event ")
        .hasMessageContaining(" could not be written; the action it records was not carried out: "));
    assertThat(RecordedTrail.of(auditTrail, subject).ofType("identity_resolved")).isEmpty();

    refusing("audit_command", "identity_resolved", () -> assertThatThrownBy(
        () -> rights.export(subject, Actor.user("petra", null)))
        .isInstanceOf(ActionNotRecordedException.class)
        .hasMessageStartingWith("AUDIT-126 the identity_resolved event "));
    assertThat(RecordedTrail.of(auditTrail, subject).ofType("identity_resolved")).isEmpty();

    assertThat(rights.resolve(token, Actor.user("petra", null)).path("value").asText()).isEqualTo(NAME);
    assertThat(RecordedTrail.of(auditTrail, subject).ofType("identity_resolved")).hasSize(1);
  }

  @Test
  void anErasureWhoseEventCannotBeWrittenFailsAndKeepsTheKey() throws Exception {
    ProcessInstance instance = startCase("Olga Erasable", "erase-1");
    String token = tokenOf(instance);
    taskService.complete(taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult().getId());
    String subject = rights.lookup("Olga Erasable").path("subject_id").asText();

    refusing("audit_command", "subject_erased", () -> assertThatThrownBy(
        () -> rights.erase(subject, Actor.user("petra", null)))
        .isInstanceOf(ActionNotRecordedException.class)
        .hasMessageStartingWith("AUDIT-126 the subject_erased event "));

    assertThat(vault.isErased(subject)).isFalse();
    assertThat(vault.resolve(token)).contains("Olga Erasable");
    // The history goes first, while the values can still be found in it; the key only with its event.
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
        .variableName("customerName").count()).as("the engine's history of the personal variable").isZero();
    assertThat(vault.erasureProgress(subject)).get().asString().contains(instance.getId());
    assertThat(RecordedTrail.of(auditTrail, subject).ofType("subject_erased")).isEmpty();

    assertThat(rights.erase(subject, Actor.user("petra", null)).path("tokens").asInt()).isOne();
    assertThat(vault.isErased(subject)).isTrue();
    assertThat(RecordedTrail.of(auditTrail, subject).ofType("subject_erased")).hasSize(1);
  }

  @Test
  void aReportWhoseEventCannotBeWrittenIsNotHandedOut() throws Exception {
    ReportMonth month = ReportMonth.parse("2026-01");

    refusing("audit_command", "report_generated", () -> assertThatThrownBy(
        () -> reports.generate(month, Actor.user("carla", null), stage -> { }))
        .isInstanceOf(ActionNotRecordedException.class)
        .hasMessageStartingWith("AUDIT-126 the report_generated event "));

    assertThat(reports.archived(month)).isEmpty();
    assertThat(reports.generate(month, Actor.user("carla", null), stage -> { }).eventId())
        .isEqualTo(reports.archived(month).orElseThrow().eventId());
  }

  @Test
  void aVaultErrorFailsTheEngineCommandAndLeavesNoInstanceAndNoEvent() throws Exception {
    int commandRows = commandRows();

    refusing("audit_privacy_token", "", () -> assertThatThrownBy(() -> startCase("Vera Unkept", "vault-1"))
        .isInstanceOf(PersonalValueNotKeptException.class)
        .hasMessageStartingWith("AUDIT-125 the personal value of customerName could not be kept in the vault; the"
            + " engine command fails: AUDIT-060 a personal value of field 'customerName' could not be kept in the"
            + " vault: "));

    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey("vault-1").count())
        .isZero();
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey("vault-1").count()).isZero();
    assertThat(commandRows()).as("audit_command rows").isEqualTo(commandRows);
    assertThat(rights.lookup("Vera Unkept").path("known").asBoolean()).isFalse();
  }

  ProcessInstance startCase(String customer, String businessKey) {
    return runtimeService.startProcessInstanceByKey("onboarding", businessKey, Map.of("customerName", customer));
  }

  String tokenOf(ProcessInstance instance) {
    return RecordedTrail.of(auditTrail, instance.getId())
        .where(event -> event.path("event_type").asText().equals("variable_created")).get(0)
        .path("output").path("value").path("value").asText();
  }

  int commandRows() throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query = connection.prepareStatement("select count(*) from audit_command");
        ResultSet row = query.executeQuery()) {
      row.next();
      return row.getInt(1);
    }
  }

  /** Runs the check while the table refuses the rows, and lets it accept them again however the check ends. */
  private void refusing(String table, String text, ThrowingRunnable check) throws Exception {
    try (Connection connection = dataSource.getConnection()) {
      refuseInserts(connection, table, text);
      try {
        check.run();
      } finally {
        allowInserts(connection, table);
      }
    }
  }

  @FunctionalInterface
  interface ThrowingRunnable {
    void run() throws Exception;
  }

  static final String PROCESS = """
      <?xml version="1.0" encoding="UTF-8"?>
      <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="definitions" targetNamespace="urn:auditrail:test">
        <bpmn:process id="onboarding" isExecutable="true" camunda:historyTimeToLive="P30D">
          <bpmn:startEvent id="start"/>
          <bpmn:sequenceFlow id="toReview" sourceRef="start" targetRef="review"/>
          <bpmn:userTask id="review" name="Review"/>
          <bpmn:sequenceFlow id="toEnd" sourceRef="review" targetRef="end"/>
          <bpmn:endEvent id="end"/>
        </bpmn:process>
      </bpmn:definitions>
      """;
}
