package org.auditrail.verify.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.auditrail.verify.bundle.TestBundle.eventId;
import static org.auditrail.verify.bundle.TestBundle.sha256;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.auditrail.verify.NoteSigner;
import org.auditrail.verify.log.ExpiredPayload;
import org.auditrail.verify.log.Finding;
import org.auditrail.verify.log.Problem;
import org.auditrail.verify.log.VerificationReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleVerifierTest {

  private final TestBundle bundle = new TestBundle();

  @TempDir Path directory;

  @Test
  void anIntactBundleVerifies() throws Exception {
    VerificationReport report = verify();

    assertThat(report.findings()).isEmpty();
    assertThat(report.summary()).isEqualTo("verified: 3 events, 1 checkpoints, 2 blobs");
  }

  @Test
  void aModifiedByteOfAnEventIsFoundWithTheProofError() throws Exception {
    byte[] event = bundle.entries.get(BundleLayout.event(3));
    int typeStart = new String(event, StandardCharsets.UTF_8).indexOf("activity_started");
    event[typeStart] ^= 0x01;

    List<Finding> findings = verify().findings();

    assertThat(findings).hasSize(1);
    assertThat(findings.get(0).problem()).isEqualTo(Problem.MODIFIED);
    assertThat(findings.get(0).eventId()).isEqualTo(eventId(3));
    assertThat(findings.get(0).logIndex()).isEqualTo(3);
    assertThat(findings.get(0).detail()).matches("the event is not in the signed checkpoint: computed root"
        + " [0-9a-f]{64} does not match the expected root " + HexFormat.of().formatHex(bundle.checkpoint.rootHash())
        + " for tree size 6");
  }

  @Test
  void swappedProofsAreFoundForBothEvents() throws Exception {
    byte[] proof3 = bundle.entries.get(BundleLayout.proof(3));
    bundle.entries.put(BundleLayout.proof(3), bundle.entries.get(BundleLayout.proof(4)));
    bundle.entries.put(BundleLayout.proof(4), proof3);

    assertThat(verify().findings()).containsExactly(
        new Finding(Problem.MODIFIED, eventId(3), 3L,
            "proofs/00000000000000000003.json is the proof of log index 4, not 3"),
        new Finding(Problem.MODIFIED, eventId(4), 4L,
            "proofs/00000000000000000004.json is the proof of log index 3, not 4"));
  }

  @Test
  void aCheckpointSignedByAnotherKeyIsForged() throws Exception {
    NoteSigner intruder = NoteSigner.generate("auditrail", new SecureRandom());
    bundle.entries.put(BundleLayout.CHECKPOINT,
        intruder.sign(bundle.checkpoint.body()).text().getBytes(StandardCharsets.UTF_8));

    assertThat(verify().findings()).containsExactly(new Finding(Problem.CHECKPOINT_FORGED, null, null,
        "checkpoint.note is not signed by any trusted key (signed as [auditrail])"));
  }

  @Test
  void anAlteredBlobNoLongerHashesToItsName() throws Exception {
    String sha256 = sha256(TestBundle.BPMN);
    byte[] altered = "<definitions id=\"kyc2\"/>".getBytes(StandardCharsets.UTF_8);
    bundle.entries.put(BundleLayout.blob(sha256), altered);

    assertThat(verify().findings()).containsExactly(new Finding(Problem.BLOB_ALTERED, null, null,
        "content stored under " + sha256 + " now hashes to " + sha256(altered)));
  }

  @Test
  void aRemovedBlobFileIsMissingNamingTheEventThatReferencesIt() throws Exception {
    String sha256 = sha256(TestBundle.LARGE_VALUE);
    bundle.entries.remove(BundleLayout.blob(sha256));

    assertThat(verify().findings()).containsExactly(new Finding(Problem.BLOB_MISSING, eventId(4), 4L,
        "the event references content " + sha256 + ", which is not stored and which no sealed payload_expired"
            + " event names"));
  }

  @Test
  void anExpiredPayloadJustifiedByItsSealedEventAndProofVerifies() throws Exception {
    VerificationReport report = verify(new TestBundle(TestBundle.expiryEvent("2026-02-20T00:00:00.000Z",
        "PT720H")));

    assertThat(report.findings()).isEmpty();
    assertThat(report.expiredPayloads()).containsExactly(new ExpiredPayload(sha256(TestBundle.LARGE_VALUE),
        "activity_started 30 days", "2026-02-20T00:00:00Z"));
    assertThat(report.summary()).isEqualTo("verified: 3 events, 1 checkpoints, 1 blobs; 1 payloads expired per"
        + " retention policy");
  }

  @Test
  void anExpiredPayloadWithOnlyItsUnsignedExpiryTextIsMissing() throws Exception {
    TestBundle expired = new TestBundle(TestBundle.expiryEvent("2026-02-20T00:00:00.000Z", "PT720H"));
    expired.entries.remove(BundleLayout.expiryEvent(TestBundle.EXPIRY_INDEX));
    expired.entries.remove(BundleLayout.expiryProof(TestBundle.EXPIRY_INDEX));

    assertThat(verify(expired).findings()).containsExactly(new Finding(Problem.BLOB_MISSING, eventId(4), 4L,
        "the event references content " + sha256(TestBundle.LARGE_VALUE) + ", which is not stored and which no"
            + " sealed payload_expired event names"));
  }

  @Test
  void anExpiryEventWithoutItsProofJustifiesNothing() throws Exception {
    TestBundle expired = new TestBundle(TestBundle.expiryEvent("2026-02-20T00:00:00.000Z", "PT720H"));
    expired.entries.remove(BundleLayout.expiryProof(TestBundle.EXPIRY_INDEX));

    assertThat(verify(expired).findings()).containsExactly(
        new Finding(Problem.BLOB_MISSING, eventId(4), 4L, "the event references content "
            + sha256(TestBundle.LARGE_VALUE) + ", which is not stored and which no sealed payload_expired event"
            + " names"),
        new Finding(Problem.DELETED, eventId(6), 6L, "expiries/events/00000000000000000006.json has no proof"
            + " expiries/proofs/00000000000000000006.json"));
  }

  @Test
  void aPayloadExpiredBeforeTheRetentionOfAnEventThatReferencesItEndedIsMissing() throws Exception {
    String sha256 = sha256(TestBundle.LARGE_VALUE);
    TestBundle expired = new TestBundle(TestBundle.expiryEvent("2026-01-20T00:00:00.000Z", "PT720H"));

    assertThat(verify(expired).findings()).containsExactly(new Finding(Problem.BLOB_MISSING, eventId(4), 4L,
        "the event references content " + sha256 + ", which is not stored: payload_expired event " + eventId(6)
            + " of 2026-01-20T00:00:00Z (activity_started 30 days) removed it before the retention of event "
            + eventId(4) + " (activity_started) of 2026-01-12T09:30:04Z ended at 2026-02-11T09:30:04Z"));
  }

  @Test
  void aRemovedEventFileIsDeleted() throws Exception {
    bundle.entries.remove(BundleLayout.event(3));

    assertThat(verify().findings()).containsExactly(
        new Finding(Problem.DELETED, eventId(3), 3L,
            "proofs/00000000000000000003.json proves an event whose file events/00000000000000000003.json is"
                + " missing"),
        new Finding(Problem.DELETED, null, null, "bundle.json counts 3 events, but the bundle holds 2"));
  }

  @Test
  void aRemovedEventWithItsProofIsDeletedByTheCount() throws Exception {
    bundle.entries.remove(BundleLayout.event(4));
    bundle.entries.remove(BundleLayout.proof(4));

    assertThat(verify().findings()).containsExactly(new Finding(Problem.DELETED, null, null,
        "bundle.json counts 3 events, but the bundle holds 2"));
  }

  @Test
  void anotherCasesEventWithAValidProofIsInserted() throws Exception {
    bundle.addEvent(2);

    assertThat(verify().findings()).containsExactly(
        new Finding(Problem.INSERTED, eventId(2), 2L,
            "the event belongs to case case-2, not to case case-1 of this bundle"),
        new Finding(Problem.INSERTED, null, null, "bundle.json counts 3 events, but the bundle holds 4"));
  }

  @Test
  void aProofForAnotherEventIdIsModified() throws Exception {
    String proof = new String(bundle.entries.get(BundleLayout.proof(3)), StandardCharsets.UTF_8);
    bundle.entries.put(BundleLayout.proof(3),
        proof.replace(eventId(3), eventId(2)).getBytes(StandardCharsets.UTF_8));

    assertThat(verify().findings()).containsExactly(new Finding(Problem.MODIFIED, eventId(3), 3L,
        "proofs/00000000000000000003.json is the proof of event " + eventId(2) + ", not of event " + eventId(3)));
  }

  @Test
  void aManifestThatDisagreesWithTheCheckpointIsForged() throws Exception {
    bundle.entries.put(BundleLayout.MANIFEST, new BundleManifest(TestBundle.CASE, TestBundle.CASE, 5,
        bundle.checkpoint.rootHash(), 3, "2026-01-12T09:30:00.000Z").toJson());

    String root = Base64.getEncoder().encodeToString(bundle.checkpoint.rootHash());
    assertThat(verify().findings()).containsExactly(new Finding(Problem.CHECKPOINT_FORGED, null, null,
        "bundle.json names tree size 5 and root " + root + ", but the signed checkpoint has tree size 6 and root "
            + root));
  }

  @Test
  void anEntryOutsideTheLayoutIsInserted() throws Exception {
    bundle.entries.put("events/notes.txt", "trust me".getBytes(StandardCharsets.UTF_8));

    assertThat(verify().findings()).containsExactly(new Finding(Problem.INSERTED, null, null,
        "the bundle holds events/notes.txt, which is no part of a case bundle"));
  }

  private VerificationReport verify() throws Exception {
    return verify(bundle);
  }

  private VerificationReport verify(TestBundle written) throws Exception {
    CaseBundle read = CaseBundleReader.read(written.write(directory));
    return new BundleVerifier(List.of(written.logKey.verifier())).verify(read);
  }
}
