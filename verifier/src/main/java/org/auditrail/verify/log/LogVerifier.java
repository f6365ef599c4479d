package org.auditrail.verify.log;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.auditrail.verify.Checkpoint;
import org.auditrail.verify.CheckpointParseException;
import org.auditrail.verify.NoteVerifier;
import org.auditrail.verify.SignedNote;

/**
 * Verifies a whole log from its stored parts: recomputes every leaf from the stored event, checks the hash chain,
 * every query column, every checkpoint signature and root, the consistency of consecutive checkpoints, the anchored
 * copies, every content-store blob, and that every blob an event references is stored or was removed as a sealed
 * {@code payload_expired} event records; within optional bounds, that events were sealed soon after their time
 * and were signed before they grew old. Trusts nothing but the given public keys.
 */
public final class LogVerifier {

  private final List<NoteVerifier> trustedKeys;
  private final String origin;
  private final VerificationBounds bounds;

  public LogVerifier(List<NoteVerifier> trustedKeys) {
    this(trustedKeys, null);
  }

  /** @param origin the log's origin line that every checkpoint must carry, or {@code null} to accept any */
  public LogVerifier(List<NoteVerifier> trustedKeys, String origin) {
    this(trustedKeys, origin, VerificationBounds.OFF);
  }

  /**
   * @param origin the log's origin line that every checkpoint must carry, or {@code null} to accept any
   * @param bounds how late an event may be sealed and how long it may stay unsigned
   */
  public LogVerifier(List<NoteVerifier> trustedKeys, String origin, VerificationBounds bounds) {
    this.trustedKeys = List.copyOf(trustedKeys);
    this.origin = origin;
    this.bounds = Objects.requireNonNull(bounds, "bounds");
  }

  /**
   * Verifies a log as its source hands it over: entries and blobs are checked as they arrive and not kept, so the
   * memory used does not grow with the log (beyond the findings).
   */
  public VerificationReport verify(LogSource log) {
    List<Finding> findings = new ArrayList<>();
    List<StoredLog.StoredCheckpoint> checkpoints = log.checkpoints();
    Map<String, String> anchoredNotes = log.anchoredNotes();
    Set<Long> claimedSizes = checkpointSizes(checkpoints, anchoredNotes);
    LogRoots tree = new LogRoots(claimedSizes);
    ContentReferences references = new ContentReferences();
    EventTimeCheck times = new EventTimeCheck(bounds, claimedSizes);
    LeafRecomputation leaves = new LeafRecomputation(tree, findings, references, times);
    log.forEachEntry(leaves);
    leaves.finish(log);
    for (String orphan : log.unsealedOrphans()) {
      findings.add(new Finding(Problem.INSERTED, orphan, null,
          "the event is in the event table but was never sealed into the log and is not waiting to be"));
    }
    boolean leavesIntact = findings.isEmpty();
    long signedSize = verifyCheckpoints(checkpoints, tree, leavesIntact, findings);
    long anchored = verifyAnchors(anchoredNotes, checkpoints, tree, leavesIntact, findings);
    long[] blobs = new long[1];
    ContentBlobs blobCheck = new ContentBlobs();
    log.forEachBlob((key, bytes) -> {
      blobCheck.verify(key, bytes, findings);
      references.stored(key);
      blobs[0]++;
    });
    List<ExpiredPayload> expired = references.verify(log.expiredPayloads(), findings);
    Finding unsigned = times.unsigned(signedSize);
    if (unsigned != null) {
      findings.add(unsigned);
    }
    // Findings come from several threads: order them by log index, then kind, so every run reports alike.
    findings.sort(Comparator.comparing(Finding::logIndex, Comparator.nullsLast(Comparator.<Long>naturalOrder()))
        .thenComparing(Finding::problem).thenComparing(finding -> String.valueOf(finding.eventId())));
    return new VerificationReport(tree.size(), checkpoints.size() + anchored, blobs[0],
        Math.max(0, tree.size() - signedSize), findings, expired);
  }

  /**
   * Verifies the entries of one range of the log, {@code fromIndex} inclusive to {@code toIndex} exclusive, as
   * their source hands them over: recomputes each leaf from the stored event and checks the index sequence, the
   * previous-leaf links within the range and the query columns. Checkpoints, anchors, blobs and trace summaries are
   * not looked at: a caller proves the range's stored leaves against signed roots with a consistency proof, and
   * leaves the rest to a verification of the whole log ({@link #verify}).
   */
  public VerificationReport verifyEntries(LogSource log, long fromIndex, long toIndex) {
    if (fromIndex < 0 || fromIndex > toIndex) {
      throw new IllegalArgumentException("not a range of the log: " + fromIndex + " to " + toIndex);
    }
    List<Finding> findings = new ArrayList<>();
    LogRoots tree = new LogRoots(Set.of());
    EventTimeCheck times = new EventTimeCheck(bounds, Set.of());
    LeafRecomputation leaves = new LeafRecomputation(tree, findings, new ContentReferences(), times, fromIndex);
    LogSource range = new LogRange(log, fromIndex, toIndex);
    range.forEachEntry(leaves);
    leaves.finish(range);
    if (tree.size() != toIndex - fromIndex) {
      findings.add(new Finding(Problem.DELETED, null, fromIndex + tree.size(), "log entries " + (fromIndex
          + tree.size()) + " to " + (toIndex - 1) + " are missing; the range ends at index " + toIndex));
    }
    findings.sort(Comparator.comparing(Finding::logIndex, Comparator.nullsLast(Comparator.<Long>naturalOrder()))
        .thenComparing(Finding::problem).thenComparing(finding -> String.valueOf(finding.eventId())));
    return new VerificationReport(tree.size(), 0, 0, 0, findings);
  }

  private long verifyCheckpoints(List<StoredLog.StoredCheckpoint> checkpoints, LogRoots tree, boolean leavesIntact,
      List<Finding> findings) {
    long signedSize = 0;
    for (StoredLog.StoredCheckpoint stored : checkpoints) {
      Checkpoint checkpoint = TrustedCheckpoint.read(stored.signedNote(), trustedKeys, origin,
          "checkpoint of size " + stored.treeSize(), findings);
      if (checkpoint == null) {
        continue;
      }
      if (checkpoint.size() != stored.treeSize() || !Arrays.equals(checkpoint.rootHash(), stored.rootHash())) {
        findings.add(new Finding(Problem.CHECKPOINT_FORGED, null, null, "the stored columns of checkpoint "
            + stored.treeSize() + " disagree with its signed note (size " + checkpoint.size() + ")"));
        continue;
      }
      // Roots recomputed from one sequence of leaves are consistent with each other by construction, so two
      // checkpoints that both match the log are consistent without a separate proof.
      if (matchesLog(checkpoint, tree, leavesIntact, "checkpoint of size " + checkpoint.size(), findings)) {
        signedSize = Math.max(signedSize, checkpoint.size());
      }
    }
    return signedSize;
  }

  private long verifyAnchors(Map<String, String> anchoredNotes, List<StoredLog.StoredCheckpoint> checkpoints,
      LogRoots tree, boolean leavesIntact, List<Finding> findings) {
    Map<Long, StoredLog.StoredCheckpoint> inDatabase = new HashMap<>();
    checkpoints.forEach(stored -> inDatabase.put(stored.treeSize(), stored));
    for (Map.Entry<String, String> anchored : anchoredNotes.entrySet()) {
      String what = "anchored checkpoint " + anchored.getKey();
      Checkpoint checkpoint = TrustedCheckpoint.read(anchored.getValue(), trustedKeys, origin, what, findings);
      if (checkpoint == null || !matchesLog(checkpoint, tree, leavesIntact, what, findings)) {
        continue;
      }
      if (!inDatabase.containsKey(checkpoint.size())) {
        findings.add(new Finding(Problem.DELETED, null, null, "the checkpoint of size " + checkpoint.size()
            + " kept in " + anchored.getKey() + " is missing from the database"));
      }
    }
    return anchoredNotes.size();
  }

  /** Whether a trusted checkpoint agrees with the recomputed log; adds the finding when it does not. */
  private static boolean matchesLog(Checkpoint checkpoint, LogRoots tree, boolean leavesIntact, String what,
      List<Finding> findings) {
    if (checkpoint.size() > tree.size()) {
      findings.add(new Finding(Problem.TRUNCATED, null, tree.size(), what + " covers " + checkpoint.size()
          + " events, but the log holds only " + tree.size() + ": its newest "
          + (checkpoint.size() - tree.size()) + " events were removed"));
      return false;
    }
    byte[] root = tree.root(checkpoint.size());
    if (!Arrays.equals(root, checkpoint.rootHash())) {
      if (leavesIntact) {
        // Every leaf matched its stored hash, so the stored hashes themselves were rewritten.
        findings.add(new Finding(Problem.MODIFIED, null, null, "the log's root at size " + checkpoint.size()
            + " is " + hex(root) + ", but " + what + " signed " + hex(checkpoint.rootHash())
            + ": sealed events were changed together with their stored leaf hashes"));
      }
      return false;
    }
    return true;
  }

  /** Every tree size a checkpoint claims, in the database or anchored, read before any of them is trusted. */
  private static Set<Long> checkpointSizes(List<StoredLog.StoredCheckpoint> checkpoints,
      Map<String, String> anchoredNotes) {
    Set<Long> sizes = new HashSet<>();
    checkpoints.forEach(stored -> sizes.add(stored.treeSize()));
    for (String note : anchoredNotes.values()) {
      try {
        sizes.add(Checkpoint.parse(SignedNote.parse(note).body()).size());
      } catch (CheckpointParseException | RuntimeException e) {
        // An unreadable anchor is reported when the anchors are verified.
      }
    }
    return sizes;
  }

  private static String hex(byte[] bytes) {
    return LeafRecomputation.hex(bytes);
  }
}
