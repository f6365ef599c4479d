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
    assertThat(report.notes()).containsExactly("complete: 3 events of case case-1, trace summary at log index 6"
        + " sealed " + TestBundle.SEALED_AT);
  }

  @Test
  void aModifiedByteOfAnEventIsFoundWithTheProofError() throws Exception {
    byte[] event = bundle.entries.get(BundleLayout.event(3));
    int typeStart = new String(event, StandardCharsets.UTF_8).indexOf("activity_started");
    event[typeStart] ^= 0x01;

    List<Finding> findings = verify().findings();

    // The changed bytes are also no leaf of the case's trace tree, so its place there is empty.
    assertThat(findings).hasSize(3);
    assertThat(findings.get(1).problem()).isEqualTo(Problem.INSERTED);
    assertThat(findings.get(2)).isEqualTo(new Finding(Problem.DELETED, null, null, "trace position 1 of 3 is"
        + " missing: after event " + eventId(1) + " (log index 1), before event " + eventId(4) + " (log index 4)"));
    assertThat(findings.get(0).problem()).isEqualTo(Problem.MODIFIED);
    assertThat(findings.get(0).eventId()).isEqualTo(eventId(3));
    assertThat(findings.get(0).logIndex()).isEqualTo(3);
    assertThat(findings.get(0).detail()).matches("the event is not in the signed checkpoint: computed root"
        + " [0-9a-f]{64} does not match the expected root " + HexFormat.of().formatHex(bundle.checkpoint.rootHash())
        + " for tree size 7");
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

    assertThat(verify().findings()).containsExactly(
        new Finding(Problem.INCOMPLETE, eventId(6), 6L,
            "trace/summary.json proves nothing: the checkpoint is not trusted"),
        new Finding(Problem.CHECKPOINT_FORGED, null, null,
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
        new Finding(Problem.DELETED, eventId(7), 7L, "expiries/events/00000000000000000007.json has no proof"
            + " expiries/proofs/00000000000000000007.json"));
  }

  @Test
  void aPayloadExpiredBeforeTheRetentionOfAnEventThatReferencesItEndedIsMissing() throws Exception {
    String sha256 = sha256(TestBundle.LARGE_VALUE);
    TestBundle expired = new TestBundle(TestBundle.expiryEvent("2026-01-20T00:00:00.000Z", "PT720H"));

    assertThat(verify(expired).findings()).containsExactly(new Finding(Problem.BLOB_MISSING, eventId(4), 4L,
        "the event references content " + sha256 + ", which is not stored: payload_expired event " + eventId(7)
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
        new Finding(Problem.DELETED, null, null, "bundle.json counts 3 events, but the bundle holds 2"),
        new Finding(Problem.DELETED, null, null, "trace position 1 of 3 is missing: after event " + eventId(1)
            + " (log index 1), before event " + eventId(4) + " (log index 4)"));
  }

  @Test
  void aRemovedEventWithItsProofIsDeletedByTheCount() throws Exception {
    bundle.entries.remove(BundleLayout.event(4));
    bundle.entries.remove(BundleLayout.proof(4));

    assertThat(verify().findings()).containsExactly(
        new Finding(Problem.INCOMPLETE, eventId(6), 6L, "the trace summary ends at event " + eventId(4)
            + " (log index 4), but the bundle's last event of the case is " + eventId(3) + " (log index 3)"),
        new Finding(Problem.DELETED, null, null, "bundle.json counts 3 events, but the bundle holds 2"),
        new Finding(Problem.DELETED, null, null, "trace position 2 of 3 is missing: after event " + eventId(3)
            + " (log index 3)"));
  }

  @Test
  void anotherCasesEventWithAValidProofIsInserted() throws Exception {
    bundle.addEvent(2);

    assertThat(verify().findings()).containsExactly(
        new Finding(Problem.INSERTED, eventId(2), 2L,
            "the event belongs to case case-2, not to case case-1 of this bundle"),
        new Finding(Problem.INSERTED, eventId(2), 2L, "the event is not one of the 3 events the trace summary"
            + " covers: the bundle has no trace proof trace/proofs/00000000000000000002.json"),
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
        "bundle.json names tree size 5 and root " + root + ", but the signed checkpoint has tree size 7 and root "
            + root));
  }

  @Test
  void anEntryOutsideTheLayoutIsInserted() throws Exception {
    bundle.entries.put("events/notes.txt", "trust me".getBytes(StandardCharsets.UTF_8));

    assertThat(verify().findings()).containsExactly(new Finding(Problem.INSERTED, null, null,
        "the bundle holds events/notes.txt, which is no part of a case bundle"));
  }

  @Test
  void aBundleWithoutTraceSummaryCannotShowTheCaseIsComplete() throws Exception {
    bundle.entries.remove(BundleLayout.TRACE_SUMMARY);
    bundle.entries.remove(BundleLayout.TRACE_SUMMARY_PROOF);

    assertThat(verify().findings()).containsExactly(new Finding(Problem.INCOMPLETE, null, null, "the bundle holds"
        + " no trace summary (trace/summary.json): that it holds every event of case case-1 cannot be shown"));
  }

  @Test
  void aTraceSummaryWhoseProofDoesNotLeadToTheCheckpointProvesNothing() throws Exception {
    // A summary that counts one event less than the one the log sealed, with the sealed one's proof.
    String summary = new String(bundle.log.get(6), StandardCharsets.UTF_8);
    bundle.entries.put(BundleLayout.TRACE_SUMMARY, summary.replace("\"trace_event_count\":3",
        "\"trace_event_count\":2").getBytes(StandardCharsets.UTF_8));

    List<Finding> findings = verify().findings();

    assertThat(findings).hasSize(1);
    assertThat(findings.get(0).problem()).isEqualTo(Problem.INCOMPLETE);
    assertThat(findings.get(0).logIndex()).isEqualTo(6);
    assertThat(findings.get(0).detail()).matches("trace/summary.json proves nothing: the event is not in the signed"
        + " checkpoint: computed root [0-9a-f]{64} does not match the expected root "
        + HexFormat.of().formatHex(bundle.checkpoint.rootHash()) + " for tree size 7");
  }

  @Test
  void anotherEventInPlaceOfTheTraceSummaryProvesNothing() throws Exception {
    bundle.entries.put(BundleLayout.TRACE_SUMMARY, bundle.log.get(3));

    assertThat(verify().findings()).containsExactly(new Finding(Problem.INCOMPLETE, null, null,
        "trace/summary.json proves nothing: the event is a activity_started event, not a trace_sealed event"));
  }

  @Test
  void aLeftOutEventAndAnEditedManifestAreFoundAsTheGapInTheTrace() throws Exception {
    bundle.entries.remove(BundleLayout.event(3));
    bundle.entries.remove(BundleLayout.proof(3));
    bundle.entries.remove(BundleLayout.traceProof(3));
    bundle.entries.put(BundleLayout.MANIFEST, new BundleManifest(TestBundle.CASE, TestBundle.CASE, 7,
        bundle.checkpoint.rootHash(), 2, "2026-01-12T09:30:00.000Z").toJson());

    VerificationReport report = verify();

    assertThat(report.findings()).containsExactly(new Finding(Problem.DELETED, null, null, "trace position 1 of 3"
        + " is missing: after event " + eventId(1) + " (log index 1), before event " + eventId(4) + " (log index 4)"));
    assertThat(report.notes()).isEmpty();
  }

  @Test
  void anEventOfTheCaseFromAnotherLogPositionWithAForgedTraceProofIsInserted() throws Exception {
    TestBundle withOther = new TestBundle();
    // Event 2 of the log, claimed for the case: the trace proof of event 3, relabelled.
    withOther.addEvent(2);
    String proof = new String(withOther.entries.get(BundleLayout.traceProof(3)), StandardCharsets.UTF_8);
    withOther.entries.put(BundleLayout.traceProof(2), proof.replace(eventId(3), eventId(2))
        .getBytes(StandardCharsets.UTF_8));

    List<Finding> findings = verify(withOther).findings();

    assertThat(findings).hasSize(3);
    assertThat(findings.get(1).problem()).isEqualTo(Problem.INSERTED);
    assertThat(findings.get(1).eventId()).isEqualTo(eventId(2));
    assertThat(findings.get(1).detail()).matches("the event is not one of the 3 events the trace summary covers:"
        + " trace/proofs/00000000000000000002.json does not lead to the summary's trace root: computed root"
        + " [0-9a-f]{64} does not match the expected root [0-9a-f]{64} for tree size 3");
  }

  @Test
  void eventsSwappedBetweenLogPositionsAreReorderedInTheTrace() throws Exception {
    for (String kind : List.of("events/", "proofs/", "trace/proofs/")) {
      String three = kind + "00000000000000000003.json";
      String four = kind + "00000000000000000004.json";
      byte[] moved = bundle.entries.get(three);
      bundle.entries.put(three, bundle.entries.get(four));
      bundle.entries.put(four, moved);
    }

    List<Finding> findings = verify().findings();

    assertThat(findings).contains(new Finding(Problem.REORDERED, eventId(3), 4L, "the event is at trace position 1,"
        + " but event " + eventId(4) + " at log index 3, earlier in the log, is at trace position 2"));
    assertThat(findings).extracting(Finding::problem).containsExactly(Problem.MODIFIED, Problem.MODIFIED,
        Problem.REORDERED, Problem.INCOMPLETE);
  }

  @Test
  void aStaleTraceSummaryIsOlderThanTheEventsTheCheckpointCovers() throws Exception {
    List<Finding> findings = verify(new TestBundle(null, true)).findings();

    assertThat(findings).containsExactly(
        new Finding(Problem.INCOMPLETE, eventId(2), 2L, "the trace summary at log index 2 is older than event "
            + eventId(4) + " at log index 4, which the checkpoint covers: a newer summary exists"),
        new Finding(Problem.INSERTED, eventId(3), 3L, "the event is not one of the 1 events the trace summary"
            + " covers: the bundle has no trace proof trace/proofs/00000000000000000003.json"),
        new Finding(Problem.INSERTED, eventId(4), 4L, "the event is not one of the 1 events the trace summary"
            + " covers: the bundle has no trace proof trace/proofs/00000000000000000004.json"));
  }

  @Test
  void aTraceSummaryOfAnotherCaseProvesNothing() throws Exception {
    String summary = new String(bundle.log.get(6), StandardCharsets.UTF_8);
    bundle.entries.put(BundleLayout.TRACE_SUMMARY, summary.replace("\"trace_id\":\"case-1\"",
        "\"trace_id\":\"case-2\"").getBytes(StandardCharsets.UTF_8));

    assertThat(verify().findings()).containsExactly(new Finding(Problem.INCOMPLETE, eventId(6), null,
        "trace/summary.json proves nothing: it summarises case case-2, not case case-1 of this bundle"));
  }

  private VerificationReport verify() throws Exception {
    return verify(bundle);
  }

  private VerificationReport verify(TestBundle written) throws Exception {
    CaseBundle read = CaseBundleReader.read(written.write(directory));
    return new BundleVerifier(List.of(written.logKey.verifier())).verify(read);
  }
}
