package org.auditrail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.auditrail.seal.CheckpointAnchor;
import org.auditrail.seal.LogProofs;
import org.auditrail.seal.LogVerification;
import org.auditrail.seal.LogSettings;
import org.auditrail.seal.Sequencer;
import org.auditrail.store.AuditStore;
import org.auditrail.store.ContentBlob;
import org.auditrail.testapp.AuditTestApplication;
import org.auditrail.trail.CaseBundleExporter;
import org.auditrail.verify.NoteSigner;
import org.auditrail.verify.TimestampToken;
import org.auditrail.verify.TrustedTimestampAuthorities;
import org.auditrail.verify.bundle.CaseBundleReader;
import org.auditrail.verify.cli.AuditVerify;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TimeStampToken;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Checkpoints time-stamped by an RFC 3161 authority, whose tokens travel in case bundles and validate there; an
 * authority that does not answer degrades, visibly. Run on every database.
 */
@SpringBootTest(classes = AuditTestApplication.class)
abstract class TimestampedCheckpointContract {

  /** A folder per database: each log starts at tree size 0 and names its anchors by size. */
  static Path anchors;
  static LocalTimestampAuthority authority;

  @DynamicPropertySource
  static void timestampAuthority(DynamicPropertyRegistry registry) throws Exception {
    authority = new LocalTimestampAuthority();
    anchors = Path.of("target", "tsa-anchors-" + System.nanoTime());
    registry.add("audit.log.timestamp-authority-url", authority::url);
    registry.add("audit.log.anchor-directory", anchors::toString);
  }

  @AfterAll
  static void stopAuthority() {
    authority.close();
  }

  @Autowired Sequencer sequencer;
  @Autowired LogProofs proofs;
  @Autowired NoteSigner signer;
  @Autowired RuntimeService runtimeService;
  @Autowired DataSource dataSource;
  @Autowired AuditStore store;
  @Autowired CaseBundleExporter bundles;
  @Autowired LogVerification verification;

  @Test
  void everyCheckpointCarriesAValidTimestampTokenOverItsSignedNote() throws Exception {
    runtimeService.startProcessInstanceByKey("rollbackCase", "stamped-1", Map.of("fail", false));
    while (sequencer.sealOnce(true) > 0) {
      // Seal until nothing waits.
    }
    LogProofs.StoredCheckpoint checkpoint = proofs.latestCheckpoint().orElseThrow();
    assertThat(checkpoint.timestampToken()).isNotNull();
    TimeStampToken token = new TimeStampToken(new CMSSignedData(checkpoint.timestampToken()));
    token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(authority.certificate()));
    assertThat(token.getTimeStampInfo().getMessageImprintDigest())
        .isEqualTo(ContentBlob.sha256(checkpoint.signedNote().getBytes(StandardCharsets.UTF_8)));
    assertThat(Files.readAllBytes(anchors.resolve(CheckpointAnchor.timestampFileName(checkpoint.treeSize()))))
        .isEqualTo(checkpoint.timestampToken());
    assertThat(sequencer.status().degraded()).isFalse();
  }

  @Test
  void aCaseBundleCarriesTheCheckpointsTokenAndTheVerifierPrintsItsTrustedTime() throws Exception {
    String processInstanceId = runtimeService.startProcessInstanceByKey("rollbackCase", "bundled-1",
        Map.of("fail", false)).getId();
    while (sequencer.sealOnce(true) > 0) {
      // Seal until nothing waits.
    }
    LogProofs.StoredCheckpoint checkpoint = proofs.latestCheckpoint().orElseThrow();
    Path zip = Files.write(Files.createTempFile("bundle", ".zip"),
        bundles.export(processInstanceId).orElseThrow().zip());
    assertThat(CaseBundleReader.read(zip).checkpointTimestamp()).isEqualTo(checkpoint.timestampToken());
    Path trustStore = authority.writeCertificate(Files.createTempFile("tsa", ".pem"));
    StringBuilder vkeys = new StringBuilder();
    verification.trustedKeys().forEach(key -> vkeys.append(key.vkey()).append('\n'));
    Path publicKeys = Files.writeString(Files.createTempFile("public-keys", ".txt"), vkeys);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    int status = AuditVerify.run(new String[] {"--bundle", zip.toString(), "--public-key", publicKeys.toString(),
        "--tsa-certs", trustStore.toString()}, null, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

    String printed = out.toString(StandardCharsets.UTF_8);
    Instant stamped = TimestampToken.validate(checkpoint.timestampToken(), checkpoint.signedNote(),
        TrustedTimestampAuthorities.read(trustStore)).generationTime();
    assertThat(printed).contains("\n  note: checkpoint of size " + checkpoint.treeSize() + " time-stamped at "
        + stamped + " by CN=Auditrail Test TSA\n");
    assertThat(printed).startsWith("verified: ").contains("\n  complete: ");
    assertThat(status).as(printed).isZero();
  }

  @Test
  void aTokenThatValidatesAgainstTheTrustStoreIsStored() throws Exception {
    Path trustStore = authority.writeCertificate(Files.createTempFile("tsa", ".pem"));
    Sequencer node = new Sequencer(store, signer, stampedBy(trustStore), Clock.systemUTC());
    runtimeService.startProcessInstanceByKey("rollbackCase", "trusted-1", Map.of("fail", false));

    assertThat(node.sealOnce(true)).isPositive();

    LogProofs.StoredCheckpoint checkpoint = proofs.latestCheckpoint().orElseThrow();
    assertThat(node.status().timestampFailure()).isNull();
    assertThat(node.status().degraded()).isFalse();
    assertThat(TimestampToken.validate(checkpoint.timestampToken(), checkpoint.signedNote(),
        TrustedTimestampAuthorities.read(trustStore)).authority()).isEqualTo("CN=Auditrail Test TSA");
  }

  @Test
  void aTokenFromAnAuthorityTheTrustStoreDoesNotHoldIsNotStoredAndSaysWhy() throws Exception {
    Path otherCertificate;
    try (LocalTimestampAuthority other = new LocalTimestampAuthority()) {
      otherCertificate = other.writeCertificate(Files.createTempFile("other-tsa", ".pem"));
    }
    Sequencer node = new Sequencer(store, signer, stampedBy(otherCertificate), Clock.systemUTC());
    runtimeService.startProcessInstanceByKey("rollbackCase", "untrusted-1", Map.of("fail", false));

    assertThat(node.sealOnce(true)).isPositive();

    LogProofs.StoredCheckpoint checkpoint = proofs.latestCheckpoint().orElseThrow();
    assertThat(checkpoint.timestampToken()).isNull();
    assertThat(node.status().sealingFailure()).isNull();
    assertThat(node.status().timestampFailure()).isEqualTo("time-stamp authority " + authority.url()
        + ": the token of the checkpoint of size " + checkpoint.treeSize() + " was not stored: the TSA certificate"
        + " CN=Auditrail Test TSA is neither trusted nor issued by a trusted certificate");
    assertThat(node.status().degraded()).isTrue();
  }

  private static LogSettings stampedBy(Path trustStore) {
    return new LogSettings("auditrail.example/log", "auditrail", Path.of("unused"), null, Duration.ofMillis(200),
        Duration.ZERO, 100, List.of(), URI.create(authority.url()), Duration.ofSeconds(5), trustStore);
  }

  @Test
  void anAnchorFolderThatCannotBeWrittenLeavesTheLogSealedAndSaysSo() throws Exception {
    Path notAFolder = Files.createTempFile("anchors", ".txt");
    LogSettings unwritable = new LogSettings("auditrail.example/log", "auditrail", Path.of("unused"), notAFolder,
        Duration.ofMillis(200), Duration.ZERO, 100, List.of(), null, Duration.ofSeconds(2));
    Sequencer node = new Sequencer(store, signer, unwritable, Clock.systemUTC());
    runtimeService.startProcessInstanceByKey("rollbackCase", "unanchored-1", Map.of("fail", false));

    assertThat(node.sealOnce(true)).isPositive();

    assertThat(node.status().degraded()).isTrue();
    assertThat(node.status().anchorFailure()).startsWith("anchor folder " + notAFolder + ": ");
    assertThat(node.status().sealingFailure()).isNull();
  }

  @Test
  void anAuthorityThatDoesNotAnswerLeavesTheLogSealedAndSaysSo() throws Exception {
    LogSettings unreachable = new LogSettings("auditrail.example/log", "auditrail", Path.of("unused"), null,
        Duration.ofMillis(200), Duration.ZERO, 100, List.of(), URI.create("http://127.0.0.1:9/tsa"),
        Duration.ofSeconds(2));
    Sequencer node = new Sequencer(store, signer, unreachable, Clock.systemUTC());
    runtimeService.startProcessInstanceByKey("rollbackCase", "unstamped-1", Map.of("fail", false));

    assertThat(node.sealOnce(true)).isPositive();

    Sequencer.LogStatus status = node.status();
    assertThat(status.degraded()).isTrue();
    assertThat(status.sealingFailure()).isNull();
    assertThat(status.timestampFailure()).startsWith("time-stamp authority http://127.0.0.1:9/tsa: ");
    assertThat(proofs.latestCheckpoint().orElseThrow().timestampToken()).isNull();
  }
}
