package org.auditrail.verify.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.IntStream;
import org.auditrail.verify.Checkpoint;
import org.auditrail.verify.CheckpointParseException;
import org.auditrail.verify.NoteVerifier;
import org.auditrail.verify.Rfc6962;
import org.auditrail.verify.SignedNote;

/**
 * Verifies a whole log from its stored parts: recomputes every leaf from the stored event, checks the hash chain,
 * every query column, every checkpoint signature and root, the consistency of consecutive checkpoints, the anchored
 * copies, and every content-store blob. Trusts nothing but the given public keys.
 */
public final class LogVerifier {

  private static final HexFormat HEX = HexFormat.of();

  private final List<NoteVerifier> trustedKeys;

  public LogVerifier(List<NoteVerifier> trustedKeys) {
    this.trustedKeys = List.copyOf(trustedKeys);
  }

  public VerificationReport verify(StoredLog log) {
    List<Finding> findings = new ArrayList<>();
    List<byte[]> leaves = recomputeLeaves(log.entries(), findings);
    for (String orphan : log.unsealedOrphans()) {
      findings.add(new Finding(Problem.INSERTED, orphan, null,
          "the event is in the event table but was never sealed into the log and is not waiting to be"));
    }
    LogRoots tree = new LogRoots(leaves, checkpointSizes(log));
    boolean leavesIntact = findings.isEmpty();
    long signedSize = verifyCheckpoints(log, tree, leavesIntact, findings);
    long anchored = verifyAnchors(log, tree, leavesIntact, findings);
    ContentBlobs.verify(log.blobs(), findings);
    // Findings come from several threads: order them by log index, then kind, so every run reports alike.
    findings.sort(Comparator.comparing(Finding::logIndex, Comparator.nullsLast(Comparator.<Long>naturalOrder()))
        .thenComparing(Finding::problem).thenComparing(finding -> String.valueOf(finding.eventId())));
    return new VerificationReport(leaves.size(), log.checkpoints().size() + anchored, log.blobs().size(),
        Math.max(0, leaves.size() - signedSize), findings, log.expiredPayloads());
  }

  private List<byte[]> recomputeLeaves(List<StoredLog.Entry> entries, List<Finding> findings) {
    long expectedIndex = 0;
    byte[] previousStored = null;
    for (StoredLog.Entry entry : entries) {
      if (entry.logIndex() != expectedIndex) {
        findings.add(new Finding(Problem.DELETED, null, expectedIndex, "log entries " + expectedIndex + " to "
            + (entry.logIndex() - 1) + " are missing; the log continues at index " + entry.logIndex()));
        expectedIndex = entry.logIndex();
      } else if (!Arrays.equals(entry.previousLeafHash(), previousStored)) {
        findings.add(new Finding(Problem.CHAIN_BROKEN, entry.eventId(), entry.logIndex(),
            "previous-leaf hash " + hex(entry.previousLeafHash()) + " does not match the leaf before it, "
                + hex(previousStored)));
      }
      previousStored = entry.leafHash();
      expectedIndex++;
    }
    // Hashing and parsing every event is most of the work and each entry stands alone: use every core.
    StoredLeaves stored = new StoredLeaves(entries);
    List<Finding> found = Collections.synchronizedList(new ArrayList<>());
    byte[][] leaves = new byte[entries.size()][];
    IntStream.range(0, entries.size()).parallel()
        .forEach(i -> leaves[i] = leafOf(entries.get(i), stored, found));
    findings.addAll(found);
    return Arrays.asList(leaves);
  }

  private static byte[] leafOf(StoredLog.Entry entry, StoredLeaves stored, List<Finding> findings) {
    if (entry.payload() == null) {
      findings.add(new Finding(Problem.DELETED, entry.eventId(), entry.logIndex(),
          "the sealed event is missing from the event table"));
      return entry.leafHash();
    }
    byte[] leaf = Rfc6962.leafHash(entry.payload().getBytes(StandardCharsets.UTF_8));
    if (!Arrays.equals(leaf, entry.leafHash())) {
      Long sealedAt = stored.indexOf(leaf);
      if (sealedAt != null) {
        findings.add(new Finding(Problem.REORDERED, entry.eventId(), entry.logIndex(),
            "the event's bytes are the ones the log sealed at index " + sealedAt));
      } else {
        findings.add(new Finding(Problem.MODIFIED, entry.eventId(), entry.logIndex(),
            "the stored event hashes to leaf " + hex(leaf) + ", but the log sealed " + hex(entry.leafHash())));
      }
      return leaf;
    }
    verifyColumns(entry, findings);
    return leaf;
  }

  /** The log index of each stored leaf hash, built only when a leaf does not match, to tell moves from edits. */
  private static final class StoredLeaves {
    private final List<StoredLog.Entry> entries;
    private Map<ByteBuffer, Long> indexOfLeaf;

    StoredLeaves(List<StoredLog.Entry> entries) {
      this.entries = entries;
    }

    synchronized Long indexOf(byte[] leaf) {
      if (indexOfLeaf == null) {
        indexOfLeaf = new HashMap<>(entries.size() * 2);
        entries.forEach(entry -> indexOfLeaf.put(ByteBuffer.wrap(entry.leafHash()), entry.logIndex()));
      }
      return indexOfLeaf.get(ByteBuffer.wrap(leaf));
    }
  }

  private static void verifyColumns(StoredLog.Entry entry, List<Finding> findings) {
    Map<String, String> expected;
    try {
      expected = EventColumns.of(entry.payload());
    } catch (IOException e) {
      findings.add(new Finding(Problem.MODIFIED, entry.eventId(), entry.logIndex(),
          "the stored event is not valid JSON: " + e.getMessage()));
      return;
    }
    for (Map.Entry<String, String> column : expected.entrySet()) {
      String stored = entry.columns().get(column.getKey());
      if (!Objects.equals(stored, column.getValue())) {
        findings.add(new Finding(Problem.COLUMN_MISMATCH, entry.eventId(), entry.logIndex(),
            "column " + column.getKey() + " holds '" + stored + "' but the sealed event says '"
                + column.getValue() + "'"));
      }
    }
  }

  private long verifyCheckpoints(StoredLog log, LogRoots tree, boolean leavesIntact, List<Finding> findings) {
    long signedSize = 0;
    for (StoredLog.StoredCheckpoint stored : log.checkpoints()) {
      Checkpoint checkpoint = TrustedCheckpoint.read(stored.signedNote(), trustedKeys,
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
        signedSize = checkpoint.size();
      }
    }
    return signedSize;
  }

  private long verifyAnchors(StoredLog log, LogRoots tree, boolean leavesIntact, List<Finding> findings) {
    Map<Long, StoredLog.StoredCheckpoint> inDatabase = new HashMap<>();
    log.checkpoints().forEach(stored -> inDatabase.put(stored.treeSize(), stored));
    for (Map.Entry<String, String> anchored : log.anchoredNotes().entrySet()) {
      String what = "anchored checkpoint " + anchored.getKey();
      Checkpoint checkpoint = TrustedCheckpoint.read(anchored.getValue(), trustedKeys, what, findings);
      if (checkpoint == null || !matchesLog(checkpoint, tree, leavesIntact, what, findings)) {
        continue;
      }
      if (!inDatabase.containsKey(checkpoint.size())) {
        findings.add(new Finding(Problem.DELETED, null, null, "the checkpoint of size " + checkpoint.size()
            + " kept in " + anchored.getKey() + " is missing from the database"));
      }
    }
    return log.anchoredNotes().size();
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
  private static Set<Long> checkpointSizes(StoredLog log) {
    Set<Long> sizes = new HashSet<>();
    log.checkpoints().forEach(stored -> sizes.add(stored.treeSize()));
    for (String note : log.anchoredNotes().values()) {
      try {
        sizes.add(Checkpoint.parse(SignedNote.parse(note).body()).size());
      } catch (CheckpointParseException | RuntimeException e) {
        // An unreadable anchor is reported when the anchors are verified.
      }
    }
    return sizes;
  }

  private static String hex(byte[] bytes) {
    return bytes == null ? "none" : HEX.formatHex(bytes);
  }
}
