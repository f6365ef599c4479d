package org.auditrail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.assertj.core.api.Condition;
import org.auditrail.seal.Sequencer;
import org.auditrail.testapp.AuditTestApplication;
import org.auditrail.verify.NoteSigner;
import org.auditrail.verify.NoteVerifier;
import org.auditrail.verify.SignedNote;
import org.auditrail.verify.log.VerificationReport;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A signed log whose key file disappears: the node refuses to start rather than sign on with a new key nobody
 * trusts, and starts with a new key once the operator declares the rotation by listing the old public key.
 */
class SigningKeyLossTest {

  private final String database = "jdbc:h2:mem:key-loss-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
  private final Path key = Path.of("target", "test-keys", "key-loss-" + UUID.randomUUID() + ".pem");
  private final Path anchors = Path.of("target", "test-anchors", "key-loss-" + UUID.randomUUID());

  @Test
  void aLostKeyStopsTheNodeAndADeclaredRotationStartsItWithANewKey() throws Exception {
    NoteVerifier lostKey;
    try (ConfigurableApplicationContext node = node()) {
      lostKey = node.getBean(NoteSigner.class).verifier();
      runCaseAndSeal(node);
    }
    Files.delete(key);

    assertThatThrownBy(this::node)
        .rootCause()
        .hasMessage("AUDIT-030 the checkpoint signing key " + key.toAbsolutePath() + " is missing, but the log"
            + " already holds checkpoints signed with it. Restore the key file (all nodes share one key); to"
            + " rotate the key on purpose, list its public key under audit.log.previous-public-keys and a new"
            + " key is generated.");
    assertThat(key).doesNotExist();

    try (ConfigurableApplicationContext node = node("--audit.log.previous-public-keys=" + lostKey.vkey())) {
      NoteVerifier newKey = node.getBean(NoteSigner.class).verifier();
      assertThat(newKey.vkey()).isNotEqualTo(lostKey.vkey());
      runCaseAndSeal(node);
      try (Connection connection = node.getBean(DataSource.class).getConnection()) {
        VerificationReport report = WholeLog.assertVerifies(connection, anchors,
            WholeLog.assertSealedExactlyOnce(connection), newKey, lostKey);
        List<SignedNote> checkpoints = checkpoints(connection);
        assertThat(checkpoints).hasSize(2);
        assertThat(report.checkpointsChecked()).isEqualTo(4); // each in the database and in the anchor folder
        assertThat(checkpoints.get(0)).matches(lostKey::verifies).isNot(signedBy(newKey));
        assertThat(checkpoints.get(checkpoints.size() - 1)).matches(newKey::verifies).isNot(signedBy(lostKey));
      }
    }
  }

  private static List<SignedNote> checkpoints(Connection connection) throws Exception {
    List<SignedNote> notes = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("select signed_note from audit_checkpoint order by tree_size")) {
      while (rows.next()) {
        notes.add(SignedNote.parse(rows.getString(1)));
      }
    }
    return notes;
  }

  private static Condition<SignedNote> signedBy(NoteVerifier key) {
    return new Condition<>(key::verifies, "signed by " + key.vkey());
  }

  private static void runCaseAndSeal(ConfigurableApplicationContext node) throws Exception {
    ProcessEngine engine = node.getBean(ProcessEngine.class);
    String instance = engine.getRuntimeService()
        .startProcessInstanceByKey("rollbackCase", Map.of("fail", false)).getId();
    engine.getTaskService().complete(engine.getTaskService().createTaskQuery()
        .processInstanceId(instance).singleResult().getId());
    node.getBean(Sequencer.class).sealOnce(true);
  }

  private ConfigurableApplicationContext node(String... extra) {
    List<String> args = new ArrayList<>(List.of(
        "--spring.datasource.url=" + database,
        "--audit.log.signing-key=" + key,
        "--audit.log.anchor-directory=" + anchors));
    args.addAll(List.of(extra));
    return new SpringApplicationBuilder(AuditTestApplication.class).web(WebApplicationType.NONE)
        .run(args.toArray(String[]::new));
  }
}
