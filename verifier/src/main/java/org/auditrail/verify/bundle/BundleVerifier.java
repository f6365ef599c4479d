package org.auditrail.verify.bundle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import org.auditrail.verify.Checkpoint;
import org.auditrail.verify.NoteVerifier;
import org.auditrail.verify.ProofVerificationException;
import org.auditrail.verify.Rfc6962;
import org.auditrail.verify.TrustedTimestampAuthorities;
import org.auditrail.verify.log.CheckpointTimestamps;
import org.auditrail.verify.log.ContentBlobs;
import org.auditrail.verify.log.ContentReferences;
import org.auditrail.verify.log.ExpiredPayload;
import org.auditrail.verify.log.Finding;
import org.auditrail.verify.log.PayloadExpiry;
import org.auditrail.verify.log.Problem;
import org.auditrail.verify.log.TrustedCheckpoint;
import org.auditrail.verify.log.VerificationReport;

/**
 * Verifies a case bundle offline: the checkpoint's signature with the trusted keys, every event against the
 * checkpoint's root through its inclusion proof, that every event belongs to the case, and every blob the events
 * reference: present and rehashed, or removed as a sealed {@code payload_expired} event in the bundle, with its
 * own inclusion proof, records; that the bundle holds every event of the case, as the case's latest trace summary
 * states it ({@link TraceCompleteness}); and the checkpoint's RFC 3161 token when trusted authorities are given.
 * Trusts nothing but the given public keys and authorities.
 */
public final class BundleVerifier {

  private final List<NoteVerifier> trustedKeys;
  private final String origin;
  private final TrustedTimestampAuthorities timestampAuthorities;

  public BundleVerifier(List<NoteVerifier> trustedKeys) {
    this(trustedKeys, null, null);
  }

  /**
   * @param origin the log's origin line that every checkpoint must carry, or {@code null} to accept any
   * @param timestampAuthorities the trusted RFC 3161 authorities, or {@code null} to leave a token unchecked
   */
  public BundleVerifier(List<NoteVerifier> trustedKeys, String origin,
      TrustedTimestampAuthorities timestampAuthorities) {
    this.trustedKeys = List.copyOf(trustedKeys);
    this.origin = origin;
    this.timestampAuthorities = timestampAuthorities;
  }

  public VerificationReport verify(CaseBundle bundle) {
    List<Finding> findings = new ArrayList<>();
    Checkpoint checkpoint = TrustedCheckpoint.read(bundle.checkpointNote(), trustedKeys, origin, BundleLayout.CHECKPOINT,
        findings);
    if (checkpoint != null) {
      verifyManifest(bundle.manifest(), checkpoint, findings);
    }
    ContentReferences references = new ContentReferences();
    bundle.events().forEach((logIndex, eventJson) -> verifyEvent(logIndex, eventJson,
        bundle.proofs().get(logIndex), bundle.manifest().traceId(), checkpoint, references, findings));
    verifyProofsHaveEvents(bundle, findings);
    verifyEventCount(bundle, findings);
    bundle.expiryEvents().forEach((logIndex, eventJson) -> verifyExpiry(logIndex, eventJson,
        bundle.expiryProofs().get(logIndex), checkpoint, references, findings));
    bundle.blobs().keySet().forEach(references::stored);
    List<ExpiredPayload> expired = references.verify(null, findings);
    ContentBlobs.verify(bundle.blobs(), findings);
    bundle.unexpectedEntries().forEach(name -> findings.add(new Finding(Problem.INSERTED, null, null,
        "the bundle holds " + name + ", which is no part of a case bundle")));
    TraceCompleteness.ProvenSummary complete = TraceCompleteness.check(bundle, checkpoint, findings);
    List<String> notes = new ArrayList<>();
    verifyTimestamp(bundle, checkpoint, findings, notes);
    findings.sort(Comparator.comparing(Finding::logIndex, Comparator.nullsLast(Comparator.naturalOrder())));
    if (complete != null && findings.isEmpty()) {
      notes.add(0, complete.line());
    }
    return new VerificationReport(bundle.events().size(), 1, bundle.blobs().size(), 0, findings, expired, notes);
  }

  /** The checkpoint's time-stamp token, validated as the database's are when trusted authorities are given. */
  private void verifyTimestamp(CaseBundle bundle, Checkpoint checkpoint, List<Finding> findings,
      List<String> notes) {
    if (bundle.checkpointTimestamp() == null) {
      return;
    }
    if (timestampAuthorities == null) {
      notes.add("note: " + BundleLayout.CHECKPOINT_TIMESTAMP + " was not checked: no trusted time-stamp authority"
          + " certificates were given (--tsa-certs)");
      return;
    }
    long treeSize = checkpoint == null ? bundle.manifest().treeSize() : checkpoint.size();
    CheckpointTimestamps.Result result = CheckpointTimestamps.verify(List.of(new CheckpointTimestamps.StoredTimestamp(
        treeSize, bundle.checkpointTimestamp(), bundle.checkpointNote())), timestampAuthorities);
    findings.addAll(result.findings());
    result.trustedTimes().forEach(time -> notes.add("note: " + time));
  }

  private static void verifyManifest(BundleManifest manifest, Checkpoint checkpoint, List<Finding> findings) {
    if (manifest.treeSize() != checkpoint.size() || !Arrays.equals(manifest.rootHash(), checkpoint.rootHash())) {
      findings.add(new Finding(Problem.CHECKPOINT_FORGED, null, null, BundleLayout.MANIFEST + " names tree size "
          + manifest.treeSize() + " and root " + base64(manifest.rootHash()) + ", but the signed checkpoint has"
          + " tree size " + checkpoint.size() + " and root " + base64(checkpoint.rootHash())));
    }
  }

  /**
   * Adds at most one finding per event: the first check it fails. The content an event in the checkpoint
   * references is noted, to be found stored or justified as expired.
   */
  private static void verifyEvent(long logIndex, byte[] eventJson, byte[] proofJson, String traceId,
      Checkpoint checkpoint, ContentReferences references, List<Finding> findings) {
    BundledEvent event;
    String unreadable = null;
    try {
      event = BundledEvent.read(eventJson);
    } catch (IOException e) {
      event = null;
      unreadable = e.getMessage();
    }
    String eventFile = BundleLayout.event(logIndex);
    String proofFile = BundleLayout.proof(logIndex);
    if (proofJson == null) {
      findings.add(new Finding(Problem.DELETED, event == null ? null : event.eventId(), logIndex,
          eventFile + " has no proof " + proofFile));
      return;
    }
    EventProof proof;
    try {
      proof = EventProof.parse(proofFile, proofJson);
    } catch (BundleFormatException e) {
      findings.add(new Finding(Problem.MODIFIED, event == null ? null : event.eventId(), logIndex, e.getMessage()));
      return;
    }
    String eventId = event == null ? proof.eventId() : event.eventId();
    String problem = proofMismatch(logIndex, proofFile, eventJson, event == null ? null : event.eventId(), proof,
        checkpoint);
    if (problem == null && event != null) {
      references.record(eventId, logIndex, new String(eventJson, StandardCharsets.UTF_8));
    }
    if (problem != null) {
      findings.add(new Finding(Problem.MODIFIED, eventId, logIndex, problem));
    } else if (event == null) {
      findings.add(new Finding(Problem.MODIFIED, eventId, logIndex, eventFile + " is not a JSON event: "
          + unreadable));
    } else if (!traceId.equals(event.traceId())) {
      findings.add(new Finding(Problem.INSERTED, eventId, logIndex, "the event belongs to case " + event.traceId()
          + ", not to case " + traceId + " of this bundle"));
    }
  }

  /**
   * Checks a {@code payload_expired} event the bundle carries to justify removed content: its proof against the
   * signed checkpoint, and its type. Only an event that passes justifies anything.
   */
  private static void verifyExpiry(long logIndex, byte[] eventJson, byte[] proofJson, Checkpoint checkpoint,
      ContentReferences references, List<Finding> findings) {
    String eventFile = BundleLayout.expiryEvent(logIndex);
    String proofFile = BundleLayout.expiryProof(logIndex);
    BundledEvent event;
    try {
      event = BundledEvent.read(eventJson);
    } catch (IOException e) {
      findings.add(new Finding(Problem.MODIFIED, null, logIndex, eventFile + " is not a JSON event: "
          + e.getMessage()));
      return;
    }
    if (proofJson == null) {
      findings.add(new Finding(Problem.DELETED, event.eventId(), logIndex, eventFile + " has no proof " + proofFile));
      return;
    }
    String problem;
    try {
      EventProof proof = EventProof.parse(proofFile, proofJson);
      problem = checkpoint == null ? "the checkpoint is not trusted"
          : proofMismatch(logIndex, proofFile, eventJson, event.eventId(), proof, checkpoint);
    } catch (BundleFormatException e) {
      problem = e.getMessage();
    }
    String json = new String(eventJson, StandardCharsets.UTF_8);
    if (problem != null) {
      findings.add(new Finding(Problem.MODIFIED, event.eventId(), logIndex, eventFile + " justifies nothing: "
          + problem));
    } else if (!json.contains("\"event_type\":\"" + PayloadExpiry.EVENT_TYPE + "\"")) {
      findings.add(new Finding(Problem.INSERTED, event.eventId(), logIndex, eventFile + " is not a "
          + PayloadExpiry.EVENT_TYPE + " event"));
    } else {
      references.record(event.eventId(), logIndex, json);
    }
  }

  /** Why the proof does not show that these event bytes are in the checkpoint's tree, or {@code null} if it does. */
  static String proofMismatch(long logIndex, String proofFile, byte[] eventJson, String eventId,
      EventProof proof, Checkpoint checkpoint) {
    if (proof.proof().leafIndex() != logIndex) {
      return proofFile + " is the proof of log index " + proof.proof().leafIndex() + ", not " + logIndex;
    }
    if (eventId != null && !proof.eventId().equals(eventId)) {
      return proofFile + " is the proof of event " + proof.eventId() + ", not of event " + eventId;
    }
    if (checkpoint == null) {
      return null;
    }
    if (proof.proof().treeSize() != checkpoint.size()) {
      return proofFile + " is a proof for tree size " + proof.proof().treeSize() + ", but the checkpoint has size "
          + checkpoint.size();
    }
    try {
      proof.proof().verify(Rfc6962.leafHash(eventJson), checkpoint.rootHash());
      return null;
    } catch (ProofVerificationException e) {
      return "the event is not in the signed checkpoint: " + e.getMessage();
    }
  }

  private static void verifyProofsHaveEvents(CaseBundle bundle, List<Finding> findings) {
    bundle.proofs().forEach((logIndex, proofJson) -> {
      if (!bundle.events().containsKey(logIndex)) {
        String proofFile = BundleLayout.proof(logIndex);
        String eventId;
        try {
          eventId = EventProof.parse(proofFile, proofJson).eventId();
        } catch (BundleFormatException e) {
          eventId = null;
        }
        findings.add(new Finding(Problem.DELETED, eventId, logIndex, proofFile + " proves an event whose file "
            + BundleLayout.event(logIndex) + " is missing"));
      }
    });
  }

  private static void verifyEventCount(CaseBundle bundle, List<Finding> findings) {
    long expected = bundle.manifest().eventCount();
    int held = bundle.events().size();
    if (held != expected) {
      findings.add(new Finding(held < expected ? Problem.DELETED : Problem.INSERTED, null, null,
          BundleLayout.MANIFEST + " counts " + expected + " events, but the bundle holds " + held));
    }
  }

  private static String base64(byte[] hash) {
    return Base64.getEncoder().encodeToString(hash);
  }
}
