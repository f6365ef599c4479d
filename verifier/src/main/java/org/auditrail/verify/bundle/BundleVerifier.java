package org.auditrail.verify.bundle;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.auditrail.verify.Checkpoint;
import org.auditrail.verify.NoteVerifier;
import org.auditrail.verify.ProofVerificationException;
import org.auditrail.verify.Rfc6962;
import org.auditrail.verify.log.ContentBlobs;
import org.auditrail.verify.log.ExpiredPayload;
import org.auditrail.verify.log.Finding;
import org.auditrail.verify.log.Problem;
import org.auditrail.verify.log.TrustedCheckpoint;
import org.auditrail.verify.log.VerificationReport;

/**
 * Verifies a case bundle offline: the checkpoint's signature with the trusted keys, every event against the
 * checkpoint's root through its inclusion proof, that every event belongs to the case, and every blob the events
 * reference. Trusts nothing but the given public keys.
 */
public final class BundleVerifier {

  private final List<NoteVerifier> trustedKeys;
  private final String origin;

  public BundleVerifier(List<NoteVerifier> trustedKeys) {
    this(trustedKeys, null);
  }

  /** @param origin the log's origin line that every checkpoint must carry, or {@code null} to accept any */
  public BundleVerifier(List<NoteVerifier> trustedKeys, String origin) {
    this.trustedKeys = List.copyOf(trustedKeys);
    this.origin = origin;
  }

  public VerificationReport verify(CaseBundle bundle) {
    List<Finding> findings = new ArrayList<>();
    Checkpoint checkpoint = TrustedCheckpoint.read(bundle.checkpointNote(), trustedKeys, origin, BundleLayout.CHECKPOINT,
        findings);
    if (checkpoint != null) {
      verifyManifest(bundle.manifest(), checkpoint, findings);
    }
    // The first event that references each blob, to name it when the blob is missing.
    Map<String, Reference> blobReferences = new TreeMap<>();
    bundle.events().forEach((logIndex, eventJson) -> verifyEvent(logIndex, eventJson,
        bundle.proofs().get(logIndex), bundle.manifest().traceId(), checkpoint, blobReferences, findings));
    verifyProofsHaveEvents(bundle, findings);
    verifyEventCount(bundle, findings);
    List<ExpiredPayload> expired = new ArrayList<>();
    blobReferences.forEach((sha256, reference) -> {
      if (bundle.blobs().containsKey(sha256)) {
        return;
      }
      if (bundle.expired().containsKey(sha256)) {
        expired.add(bundle.expired().get(sha256));
      } else {
        findings.add(new Finding(Problem.DELETED, reference.eventId(), reference.logIndex(),
            "the event references content " + sha256 + ", but the bundle has no " + BundleLayout.blob(sha256)));
      }
    });
    ContentBlobs.verify(bundle.blobs(), findings);
    bundle.unexpectedEntries().forEach(name -> findings.add(new Finding(Problem.INSERTED, null, null,
        "the bundle holds " + name + ", which is no part of a case bundle")));
    findings.sort(Comparator.comparing(Finding::logIndex, Comparator.nullsLast(Comparator.naturalOrder())));
    return new VerificationReport(bundle.events().size(), 1, bundle.blobs().size(), 0, findings, expired);
  }

  private static void verifyManifest(BundleManifest manifest, Checkpoint checkpoint, List<Finding> findings) {
    if (manifest.treeSize() != checkpoint.size() || !Arrays.equals(manifest.rootHash(), checkpoint.rootHash())) {
      findings.add(new Finding(Problem.CHECKPOINT_FORGED, null, null, BundleLayout.MANIFEST + " names tree size "
          + manifest.treeSize() + " and root " + base64(manifest.rootHash()) + ", but the signed checkpoint has"
          + " tree size " + checkpoint.size() + " and root " + base64(checkpoint.rootHash())));
    }
  }

  /** Adds at most one finding per event: the first check it fails. */
  private static void verifyEvent(long logIndex, byte[] eventJson, byte[] proofJson, String traceId,
      Checkpoint checkpoint, Map<String, Reference> blobReferences, List<Finding> findings) {
    BundledEvent event;
    String unreadable = null;
    try {
      event = BundledEvent.read(eventJson);
      Reference reference = new Reference(event.eventId(), logIndex);
      event.blobReferences().forEach(sha256 -> blobReferences.putIfAbsent(sha256, reference));
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
    String problem = proofMismatch(logIndex, eventJson, event, proof, checkpoint);
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

  /** Why the proof does not show that these event bytes are in the checkpoint's tree, or {@code null} if it does. */
  private static String proofMismatch(long logIndex, byte[] eventJson, BundledEvent event, EventProof proof,
      Checkpoint checkpoint) {
    String proofFile = BundleLayout.proof(logIndex);
    if (proof.proof().leafIndex() != logIndex) {
      return proofFile + " is the proof of log index " + proof.proof().leafIndex() + ", not " + logIndex;
    }
    if (event != null && !proof.eventId().equals(event.eventId())) {
      return proofFile + " is the proof of event " + proof.eventId() + ", not of event " + event.eventId();
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

  /** An event that references a blob. */
  private record Reference(String eventId, long logIndex) {}
}
