package org.auditrail.verify.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import org.auditrail.verify.NoteSigner;
import org.auditrail.verify.jdbc.CommandTables.TestEvent;
import org.auditrail.verify.log.ExpiredPayload;
import org.auditrail.verify.log.Finding;
import org.auditrail.verify.log.VerificationReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every content hash a sealed event references resolves to a stored blob, or its removal is justified by a sealed
 * payload_expired event under whose stated retention every referencing event had expired; a recorded expiry needs
 * such an event. A model call of 12 January references a prompt; the tests remove it as a retention sweep would,
 * or as an intruder would.
 */
class ContentReferenceVerificationTest {

  private static final byte[] PROMPT = "Assess the applicant's risk.".getBytes(StandardCharsets.UTF_8);
  private static final String SHA = sha256(PROMPT);
  private static final String POLICY = "model_call 30 days";
  private static final String NOT_STORED = "blob_missing event e-1 at log index 1: the event references content "
      + SHA + ", which is not stored";

  private final NoteSigner signer = NoteSigner.generate("test", new SecureRandom());
  private final TestEvent plain = TestEvent.of(0, "t-1", "bk-1", "pi-1");
  private final TestEvent modelCall = TestEvent.of(1, "t-1", "bk-1", "pi-1").as("model_call",
      "\"input\":{\"prompt\":{\"content_sha256\":\"" + SHA + "\",\"media_type\":\"text/plain\",\"size\":"
          + PROMPT.length + "}},");
  private CommandTables log;

  @BeforeEach
  void writeLog() throws Exception {
    log = new CommandTables("command-layout.sql");
    log.execute("create table audit_content_expiry (sha256 varchar(64) not null primary key, event_type"
        + " varchar(64) not null, policy varchar(255) not null, expired_at timestamp with time zone not null)");
    log.command("c-1", plain, modelCall);
    log.seal("c-1");
  }

  @AfterEach
  void close() throws Exception {
    log.close();
  }

  @Test
  void aStoredBlobResolves() throws Exception {
    storePrompt();
    log.checkpoint(signer);

    VerificationReport report = log.verify(signer);

    assertThat(report.findings()).isEmpty();
    assertThat(report.summary()).isEqualTo("verified: 2 events, 1 checkpoints, 1 blobs");
  }

  @Test
  void aDeletedBlobIsMissingNamingItsHashAndTheEventThatReferencesIt() throws Exception {
    log.checkpoint(signer);

    assertThat(findings()).containsExactly(NOT_STORED + " and which no sealed payload_expired event names");
  }

  @Test
  void anExpiryRowWithoutItsSealedPayloadExpiredEventIsAFinding() throws Exception {
    recordExpiry();
    log.checkpoint(signer);

    assertThat(findings()).containsExactly(NOT_STORED + " and which no sealed payload_expired event names",
        "inserted: audit_content_expiry records the removal of " + SHA + " (" + POLICY
            + ", 2026-03-01T00:00:00Z), but no sealed payload_expired event names it");
  }

  @Test
  void aPayloadExpiredAfterItsRetentionWithItsSealedEventIsNoFinding() throws Exception {
    sealExpiryEvent("2026-03-01T00:00:00.000Z", "{\"model_call\":\"PT720H\"}");
    recordExpiry();
    log.checkpoint(signer);

    VerificationReport report = log.verify(signer);

    assertThat(report.findings()).isEmpty();
    assertThat(report.expiredPayloads()).containsExactly(new ExpiredPayload(SHA, POLICY, "2026-03-01T00:00:00Z"));
    assertThat(report.summary()).isEqualTo("verified: 3 events, 1 checkpoints, 0 blobs; 1 payloads expired per"
        + " retention policy");
  }

  @Test
  void aPayloadExpiredBeforeTheRetentionOfAnEventThatReferencesItEndedIsMissing() throws Exception {
    sealExpiryEvent("2026-01-20T00:00:00.000Z", "{\"model_call\":\"PT720H\"}");
    recordExpiry();
    log.checkpoint(signer);

    assertThat(findings()).containsExactly(NOT_STORED + ": payload_expired event e-2 of 2026-01-20T00:00:00Z ("
        + POLICY + ") removed it before the retention of event e-1 (model_call) of 2026-01-12T09:30:01Z ended at"
        + " 2026-02-11T09:30:01Z");
  }

  @Test
  void aPayloadExpiredEventThatStatesNoRetentionForAReferencingEventsTypeJustifiesNothing() throws Exception {
    sealExpiryEvent("2026-03-01T00:00:00.000Z", "{\"decision\":\"PT720H\"}");
    recordExpiry();
    log.checkpoint(signer);

    assertThat(findings()).containsExactly(NOT_STORED + ": payload_expired event e-2 of 2026-03-01T00:00:00Z ("
        + POLICY + ") names no retention for event e-1 (model_call), which references it");
  }

  @Test
  void aPayloadExpiredEventThatIsQueuedButNotSealedJustifiesNothing() throws Exception {
    log.command("c-2", expiryEvent("2026-03-01T00:00:00.000Z", "{\"model_call\":\"PT720H\"}"));
    log.queue("c-2");
    recordExpiry();
    log.checkpoint(signer);

    assertThat(findings()).containsExactly(NOT_STORED + " and which no sealed payload_expired event names",
        "inserted: audit_content_expiry records the removal of " + SHA + " (" + POLICY
            + ", 2026-03-01T00:00:00Z), but no sealed payload_expired event names it");
  }

  /** The sweeper's event: the blob it removed with its policy, and the retention of every event type. */
  private TestEvent expiryEvent(String at, String retention) {
    return new TestEvent("e-2", "retention-" + at.substring(0, 10), null, null, at, "retention-sweeper",
        "payload_expired", "\"output\":{\"blobs\":[{\"policy\":\"" + POLICY + "\",\"sha256\":\"" + SHA + "\"}],"
            + "\"count\":1,\"retention\":" + retention + "},");
  }

  private void sealExpiryEvent(String at, String retention) throws Exception {
    log.command("c-2", expiryEvent(at, retention));
    log.seal("c-2");
  }

  private void recordExpiry() throws Exception {
    log.execute("insert into audit_content_expiry (sha256, event_type, policy, expired_at) values (?, ?, ?, ?)",
        SHA, "model_call", POLICY, OffsetDateTime.of(2026, 3, 1, 0, 0, 0, 0, ZoneOffset.UTC));
  }

  private void storePrompt() throws Exception {
    log.execute("insert into audit_content (sha256, size_bytes, media_type, content, created_at)"
        + " values (?, ?, ?, ?, ?)", SHA, PROMPT.length, "text/plain", PROMPT, OffsetDateTime.now(ZoneOffset.UTC));
  }

  private java.util.List<String> findings() throws Exception {
    return log.verify(signer).findings().stream().map(Finding::toString).toList();
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
