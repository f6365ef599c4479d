package org.auditrail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.auditrail.privacy.SubjectVault;
import org.auditrail.seal.Sequencer;
import org.auditrail.store.AuditStore;
import org.auditrail.testapp.AuditTestApplication;
import org.auditrail.trail.AuditTrail;
import org.auditrail.verify.NoteSigner;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A vault whose master key file disappears or is replaced: the node refuses to start rather than open a second
 * vault nobody can read the first one with, and starts once the operator declares the rotation by naming the
 * previous key's file; the subjects' keys are then re-wrapped and every old token still resolves. Run on every
 * database.
 */
abstract class MasterKeyLossContract {

  static final String NAME = "Ivan Petrovich Sidorov";

  private final Path key = Path.of("target", "test-keys", "master-key-loss-" + UUID.randomUUID());
  private final Path signingKey = Path.of("target", "test-keys", "master-key-loss-" + UUID.randomUUID() + ".pem");
  private final Path anchors = Path.of("target", "test-anchors", "master-key-loss-" + UUID.randomUUID());

  /** The arguments that point a node at a new, empty database of this kind. */
  abstract List<String> newDatabase();

  @Test
  void aLostOrWrongMasterKeyStopsTheNodeAndADeclaredRotationKeepsEveryTokenResolvable() throws Exception {
    List<String> database = newDatabase();
    String token;
    String subjectId;
    try (ConfigurableApplicationContext node = node(database)) {
      token = startCase(node, "MK-1");
      subjectId = node.getBean(SubjectVault.class).subjectIdOf(NAME);
    }
    Path previous = Files.move(key, key.resolveSibling(key.getFileName() + ".previous"));

    assertThatThrownBy(() -> node(database))
        .rootCause()
        .hasMessage("AUDIT-110 the privacy master key file " + key.toAbsolutePath() + " is missing and"
            + " AUDIT_PRIVACY_MASTER_KEY is not set, but the vault already holds 1 data subject(s) whose keys are"
            + " wrapped with that key. Restore the key file or set AUDIT_PRIVACY_MASTER_KEY (all nodes share one"
            + " key); to rotate the key on purpose, list the previous key's file under"
            + " audit.privacy.previous-master-key-files and a new key is generated.");
    assertThat(key).as("no new key is generated for a vault in use").doesNotExist();

    byte[] newKey = new byte[32];
    new SecureRandom().nextBytes(newKey);
    Files.writeString(key, Base64.getEncoder().encodeToString(newKey) + "\n", StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> node(database))
        .rootCause()
        .hasMessage("AUDIT-111 the privacy master key from the file " + key.toAbsolutePath() + " (key check "
            + checkValue(newKey) + ") is not the key of the vault, which holds 1 data subject(s) under the key"
            + " with key check " + checkValue(read(previous)) + ". Restore the vault's key there (all nodes share"
            + " one key); to rotate the key on purpose, list the previous key's file under"
            + " audit.privacy.previous-master-key-files.");

    try (ConfigurableApplicationContext node = node(database,
        "--audit.privacy.previous-master-key-files=" + previous)) {
      SubjectVault vault = node.getBean(SubjectVault.class);
      assertThat(vault.resolve(token)).contains(NAME);
      assertThat(vault.subjectIdOf(NAME)).as("the same person keeps the same subject").isEqualTo(subjectId);
      assertThat(startCase(node, "MK-2")).as("and the same token").isEqualTo(token);
      assertThat(new JdbcTemplate(node.getBean(DataSource.class))
          .queryForList("select key_check from audit_privacy_key", String.class))
          .containsExactly(checkValue(newKey));
    }
    try (ConfigurableApplicationContext node = node(database)) {
      assertThat(node.getBean(SubjectVault.class).resolve(token)).as("after the rotation, without the previous key")
          .contains(NAME);
      node.getBean(Sequencer.class).sealOnce(true);
      try (var connection = node.getBean(DataSource.class).getConnection()) {
        WholeLog.assertVerifies(connection, anchors, WholeLog.assertSealedExactlyOnce(connection),
            node.getBean(NoteSigner.class).verifier());
      }
    }
  }

  @Test
  void aDeclaredRotationWithTheKeyFileGoneGeneratesANewKeyAndKeepsTheTokens() throws Exception {
    List<String> database = newDatabase();
    String token;
    try (ConfigurableApplicationContext node = node(database)) {
      token = startCase(node, "MK-5");
    }
    Path previous = Files.move(key, key.resolveSibling(key.getFileName() + ".previous"));

    try (ConfigurableApplicationContext node = node(database,
        "--audit.privacy.previous-master-key-files=" + previous)) {
      assertThat(key).exists();
      assertThat(read(key)).isNotEqualTo(read(previous));
      assertThat(node.getBean(SubjectVault.class).resolve(token)).contains(NAME);
      assertThat(new JdbcTemplate(node.getBean(DataSource.class))
          .queryForList("select key_check from audit_privacy_key", String.class))
          .containsExactly(checkValue(read(key)));
    }
  }

  @Test
  void aNodeWithAnEmptyVaultStartsWithoutAKeyAndGeneratesOneForTheFirstPersonalValue() throws Exception {
    List<String> database = newDatabase();
    try (ConfigurableApplicationContext node = node(database)) {
      assertThat(key).as("an application without personal data needs no key").doesNotExist();

      String token = startCase(node, "MK-3");

      assertThat(key).exists();
      assertThat(node.getBean(SubjectVault.class).resolve(token)).contains(NAME);
      assertThat(new JdbcTemplate(node.getBean(DataSource.class))
          .queryForList("select key_check from audit_privacy_key", String.class))
          .containsExactly(checkValue(read(key)));
    }
  }

  @Test
  void aVaultFromBeforeKeyChecksIsCheckedByUnwrappingASubjectsKey() throws Exception {
    List<String> database = newDatabase();
    String token;
    try (ConfigurableApplicationContext node = node(database)) {
      token = startCase(node, "MK-4");
      // As a vault from before migration V7 was: subjects, but no check value.
      new JdbcTemplate(node.getBean(DataSource.class)).update("delete from audit_privacy_key");
    }
    byte[] vaultKey = read(key);
    byte[] otherKey = new byte[32];
    new SecureRandom().nextBytes(otherKey);
    Files.writeString(key, Base64.getEncoder().encodeToString(otherKey) + "\n", StandardCharsets.US_ASCII,
        java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);

    assertThatThrownBy(() -> node(database))
        .rootCause()
        .hasMessage("AUDIT-111 the privacy master key from the file " + key.toAbsolutePath() + " (key check "
            + checkValue(otherKey) + ") is not the key of the vault, which holds 1 data subject(s) under the key."
            + " Restore the vault's key there (all nodes share one key); to rotate the key on purpose, list the"
            + " previous key's file under audit.privacy.previous-master-key-files.");

    Files.writeString(key, Base64.getEncoder().encodeToString(vaultKey) + "\n", StandardCharsets.US_ASCII,
        java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
    try (ConfigurableApplicationContext node = node(database)) {
      assertThat(node.getBean(SubjectVault.class).resolve(token)).contains(NAME);
      assertThat(new JdbcTemplate(node.getBean(DataSource.class))
          .queryForList("select key_check from audit_privacy_key", String.class))
          .as("recorded on the first start").containsExactly(checkValue(vaultKey));
    }
  }

  /** Starts a case whose customer name is personal; answers the token that stands for it in the trail. */
  private static String startCase(ConfigurableApplicationContext node, String businessKey) {
    String instance = node.getBean(ProcessEngine.class).getRuntimeService()
        .startProcessInstanceByKey("rollbackCase", businessKey, Map.of("fail", false, "customerName", NAME))
        .getId();
    String token = RecordedTrail.of(new AuditTrail(node.getBean(AuditStore.class)), instance).where(event -> event
        .path("event_type").asText().equals("variable_created")
        && event.path("output").path("name").asText().equals("customerName")).get(0)
        .path("output").path("value").path("value").asText();
    assertThat(token).matches("customerName_T[0-9a-f]{32}");
    return token;
  }

  /** The key check value as the README defines it, computed here independently of the plugin. */
  private static String checkValue(byte[] masterKey) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(masterKey, "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal("auditrail key check v1".getBytes(StandardCharsets.UTF_8)), 0, 16);
  }

  private static byte[] read(Path file) throws Exception {
    return Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
  }

  private ConfigurableApplicationContext node(List<String> database, String... extra) {
    List<String> args = new ArrayList<>(database);
    args.addAll(List.of(
        "--audit.privacy.personal-variables=customerName",
        "--audit.privacy.master-key-file=" + key,
        "--audit.log.signing-key=" + signingKey,
        "--audit.log.anchor-directory=" + anchors));
    args.addAll(List.of(extra));
    return new SpringApplicationBuilder(AuditTestApplication.class).web(WebApplicationType.NONE)
        .run(args.toArray(String[]::new));
  }
}
