package org.auditrail.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.auditrail.capture.PersonalValueNotKeptException;
import org.auditrail.store.AuditStore;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Two values that meet on one token are refused, never resolved to the first: the token function is forced to give
 * every customer name the same token, and the engine command that brings a second name fails.
 */
@SpringBootTest(classes = {org.auditrail.testapp.AuditTestApplication.class, TokenCollisionTest.CollidingTokens.class},
    properties = "audit.privacy.personal-variables=customerName")
class TokenCollisionTest {

  static final String COLLIDING = "customerName_T" + "00".repeat(16);

  @Autowired RuntimeService runtimeService;
  @Autowired RepositoryService repositoryService;
  @Autowired SubjectVault vault;
  @Autowired DataSource dataSource;

  @Test
  void aSecondValueOnTheSameTokenFailsTheEngineCommandAndTheTokenKeepsTheFirstValue() {
    repositoryService.createDeployment().addString("collision.bpmn", PROCESS).deploy();
    runtimeService.startProcessInstanceByKey("collisionCase", Map.of("customerName", "Erika Erste"));

    assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey("collisionCase",
        Map.of("customerName", "Zora Zweite")))
        .isInstanceOf(PersonalValueNotKeptException.class)
        .hasMessage("AUDIT-125 the personal value of customerName could not be kept in the vault; the engine command"
            + " fails: AUDIT-140 the token " + COLLIDING + " of a value of field 'customerName' already stands for"
            + " another value (of field 'customerName'); the value is refused rather than resolved to the other one")
        .hasCauseInstanceOf(TokenCollisionException.class);

    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("collisionCase").count())
        .as("the refused start left no case").isEqualTo(1);
    assertThat(vault.resolve(COLLIDING)).contains("Erika Erste");
  }

  @Test
  void tokensAndSubjectIdsCarry128Bits() {
    assertThat(vault.tokenOf("subject_x", "country", "KP")).matches("country_T[0-9a-f]{32}");
    assertThat(vault.subjectIdOf("C-1")).matches("subject_[0-9a-f]{32}");
  }

  @Test
  void aPersonTheVaultKnowsByA64BitSubjectIdIsStillFoundByTheirValue() throws Exception {
    String subjectId = vault.subjectIdOf("C-64");
    String legacy = subjectId.substring(0, "subject_".length() + 16);
    try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement(
        "insert into audit_privacy_subject (subject_id, created_at) values (?, current_timestamp)")) {
      insert.setString(1, legacy);
      insert.executeUpdate();
    }
    assertThat(vault.subjectIdOf("C-64")).isEqualTo(legacy);
    assertThat(vault.isKnown(legacy)).isTrue();
  }

  /** The vault with a token function that gives every customer name one token; a seam for this test only. */
  @TestConfiguration(proxyBeanMethods = false)
  static class CollidingTokens {
    @Bean
    SubjectVault auditSubjectVault(DataSource dataSource, AuditStore store) {
      return new SubjectVault(dataSource, new MasterKey(Path.of("target/test-keys/collision-" + UUID.randomUUID()),
          List.of()), (key, input) -> input.contains("\ncustomerName\n") ? new byte[32] : VaultCipher.hmac(key, input));
    }
  }

  static final String PROCESS = """
      <?xml version="1.0" encoding="UTF-8"?>
      <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="definitions" targetNamespace="urn:auditrail:test">
        <bpmn:process id="collisionCase" isExecutable="true" camunda:historyTimeToLive="P30D">
          <bpmn:startEvent id="start"/>
          <bpmn:sequenceFlow id="toWait" sourceRef="start" targetRef="wait"/>
          <bpmn:userTask id="wait"/>
          <bpmn:sequenceFlow id="toEnd" sourceRef="wait" targetRef="end"/>
          <bpmn:endEvent id="end"/>
        </bpmn:process>
      </bpmn:definitions>
      """;
}
