package org.auditrail.seal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.auditrail.logformat.SealingQueue;
import org.auditrail.verify.Checkpoint;
import org.auditrail.verify.CheckpointParseException;
import org.auditrail.verify.MerkleFrontier;
import org.auditrail.verify.NoteVerifier;
import org.auditrail.verify.SignedNote;

/**
 * Checks, before the sequencer extends the log, that {@code audit_log_head} agrees with the log ({@code
 * audit_log_batch}) and with the last signed checkpoint, so that a head edited in the database never gets genuine
 * signatures over a forked tree. A head this node wrote or checked itself, under a checkpoint it already checked,
 * needs only the cheap check of the log's last batch. A head that grew from it (another node's rounds) is checked
 * against the leaves added since, streamed from the trusted frontier; any other head (at start, after an edit) is
 * checked against every stored leaf, streamed batch by batch.
 */
final class HeadCheck {

  private static final HexFormat HEX = HexFormat.of();
  private static final int FETCH_SIZE = 100;

  private final List<NoteVerifier> trustedKeys;
  private Trusted trusted;

  HeadCheck(List<NoteVerifier> trustedKeys) {
    this.trustedKeys = List.copyOf(trustedKeys);
  }

  /** The head as read from {@code audit_log_head}. */
  record State(long treeSize, byte[] frontier, byte[] lastLeaf) {}

  /** The last signed checkpoint as stored. */
  record StoredCheckpoint(long size, byte[] rootHash, String note, Instant createdAt) {}

  private record Trusted(State head, String checkpointNote) {}

  /** Why the head cannot be extended, or empty when it agrees with the log and the last signed checkpoint. */
  Optional<String> disagreement(Connection connection, State head, StoredCheckpoint checkpoint) throws SQLException {
    Optional<String> cause;
    try {
      cause = check(connection, head, checkpoint);
    } catch (UnreadableBatch e) {
      cause = Optional.of(e.getMessage());
    }
    if (cause.isEmpty()) {
      trust(head, checkpoint == null ? null : checkpoint.note());
    } else {
      trusted = null;
    }
    return cause;
  }

  /** Remembers a head (and the checkpoint over it) that this node wrote, so that the next round checks it cheaply. */
  void trust(State head, String checkpointNote) {
    trusted = new Trusted(head, checkpointNote);
  }

  private Optional<String> check(Connection connection, State head, StoredCheckpoint checkpoint) throws SQLException {
    MerkleFrontier frontier = MerkleFrontier.fromBytes(head.frontier());
    if (frontier.size() != head.treeSize()) {
      return Optional.of("the head's tree size " + head.treeSize() + " does not match its frontier's size "
          + frontier.size());
    }
    Optional<String> tail = checkTail(connection, head);
    if (tail.isPresent() || isTrusted(head, checkpoint)) {
      return tail;
    }
    if (checkpoint == null) {
      return checkLeaves(connection, null, frontier, grownFrom(head, null, null));
    }
    Checkpoint signed;
    try {
      SignedNote note = SignedNote.parse(checkpoint.note());
      if (trustedKeys.stream().noneMatch(key -> key.verifies(note))) {
        return Optional.of("the last signed checkpoint (size " + checkpoint.size() + ") is not signed by the"
            + " signing key or an earlier one");
      }
      signed = Checkpoint.parse(note.body());
    } catch (CheckpointParseException e) {
      return Optional.of("the last signed checkpoint (size " + checkpoint.size() + ") cannot be read: "
          + e.getMessage());
    }
    if (signed.size() != checkpoint.size() || !Arrays.equals(signed.rootHash(), checkpoint.rootHash())) {
      return Optional.of("the last checkpoint row (size " + checkpoint.size() + ") does not match its signed note");
    }
    if (head.treeSize() < signed.size()) {
      return Optional.of("the head's tree size " + head.treeSize() + " is below the last signed checkpoint's size "
          + signed.size());
    }
    if (head.treeSize() == signed.size() && !Arrays.equals(frontier.root(), signed.rootHash())) {
      return Optional.of("the head's root " + HEX.formatHex(frontier.root()) + " at size " + signed.size()
          + " does not match the last signed checkpoint's root " + HEX.formatHex(signed.rootHash()));
    }
    return checkLeaves(connection, signed, frontier, grownFrom(head, checkpoint, signed));
  }

  /** The trusted head to stream on from, when the head and the checkpoint can only have grown from it. */
  private MerkleFrontier grownFrom(State head, StoredCheckpoint stored, Checkpoint signed) {
    Trusted known = trusted;
    if (known == null || head.treeSize() < known.head().treeSize() || (signed != null
        && signed.size() < known.head().treeSize() && !Objects.equals(known.checkpointNote(), stored.note()))) {
      return new MerkleFrontier();
    }
    return MerkleFrontier.fromBytes(known.head().frontier());
  }

  private boolean isTrusted(State head, StoredCheckpoint checkpoint) {
    Trusted known = trusted;
    return known != null && known.head().treeSize() == head.treeSize()
        && Arrays.equals(known.head().frontier(), head.frontier())
        && Arrays.equals(known.head().lastLeaf(), head.lastLeaf())
        && Objects.equals(known.checkpointNote(), checkpoint == null ? null : checkpoint.note());
  }

  /** The log's size and last sealed leaf, from its last batch alone. */
  private static Optional<String> checkTail(Connection connection, State head) throws SQLException {
    long size = 0;
    byte[] lastLeaf = null;
    try (PreparedStatement last = connection.prepareStatement("select first_index, event_count, entries from"
        + " audit_log_batch order by first_index desc fetch first 1 rows only");
        ResultSet row = last.executeQuery()) {
      if (row.next()) {
        size = row.getLong(1) + row.getInt(2);
        List<SealingQueue.Queued> entries = decode(row.getLong(1), row.getBytes(3));
        lastLeaf = entries.isEmpty() ? null : entries.get(entries.size() - 1).leafHash();
      }
    }
    if (size != head.treeSize()) {
      return Optional.of("the head's tree size " + head.treeSize() + " does not match the log's size " + size);
    }
    if (!Arrays.equals(lastLeaf, head.lastLeaf())) {
      return Optional.of("the head's last leaf " + hex(head.lastLeaf()) + " does not match the log's last sealed"
          + " leaf " + hex(lastLeaf));
    }
    return Optional.empty();
  }

  /**
   * Recomputes the tree from the stored leaves after {@code log} (an empty frontier, or a trusted one): its root
   * at the checkpoint's size, and the head's frontier.
   */
  private static Optional<String> checkLeaves(Connection connection, Checkpoint checkpoint,
      MerkleFrontier headFrontier, MerkleFrontier log) throws SQLException {
    try (PreparedStatement batches = connection.prepareStatement("select first_index, entries from audit_log_batch"
        + " where first_index >= ? order by first_index")) {
      batches.setLong(1, log.size());
      batches.setFetchSize(FETCH_SIZE);
      try (ResultSet row = batches.executeQuery()) {
        while (row.next()) {
          if (row.getLong(1) != log.size()) {
            return Optional.of("the log's batch at index " + row.getLong(1) + " does not follow its size "
                + log.size());
          }
          for (SealingQueue.Queued entry : decode(row.getLong(1), row.getBytes(2))) {
            Optional<String> fork = checkRoot(log, checkpoint);
            if (fork.isPresent()) {
              return fork;
            }
            log.append(entry.leafHash());
          }
        }
      }
    }
    Optional<String> fork = checkRoot(log, checkpoint);
    if (fork.isPresent()) {
      return fork;
    }
    MerkleFrontier expected = headFrontier;
    if (log.size() == expected.size() && !Arrays.equals(log.root(), expected.root())) {
      return Optional.of("the head's root " + HEX.formatHex(expected.root()) + " at size " + expected.size()
          + " does not match the log's root " + HEX.formatHex(log.root()));
    }
    return Optional.empty();
  }

  private static Optional<String> checkRoot(MerkleFrontier log, Checkpoint checkpoint) {
    if (checkpoint != null && log.size() == checkpoint.size() && !Arrays.equals(log.root(), checkpoint.rootHash())) {
      return Optional.of("the log's root " + HEX.formatHex(log.root()) + " at the last signed checkpoint's size "
          + checkpoint.size() + " does not match its root " + HEX.formatHex(checkpoint.rootHash()));
    }
    return Optional.empty();
  }

  private static List<SealingQueue.Queued> decode(long firstIndex, byte[] entries) {
    try {
      return SealingQueue.decode(entries);
    } catch (IllegalArgumentException e) {
      throw new UnreadableBatch("the log's batch at index " + firstIndex + " cannot be read: " + e.getMessage());
    }
  }

  private static final class UnreadableBatch extends RuntimeException {
    UnreadableBatch(String message) {
      super(message, null, false, false);
    }
  }

  private static String hex(byte[] bytes) {
    return bytes == null ? "none" : HEX.formatHex(bytes);
  }
}
