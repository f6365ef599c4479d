package org.auditrail.seal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.auditrail.logformat.SealingQueue;
import org.auditrail.store.AuditStorageException;
import org.auditrail.store.Transactions;
import org.auditrail.verify.ConsistencyProof;
import org.auditrail.verify.InclusionProof;
import org.auditrail.verify.MerkleTree;

/** Reads signed checkpoints and computes inclusion and consistency proofs from the stored leaf hashes. */
public final class LogProofs {

  private static final String SELECT_CHECKPOINT = "select c.tree_size, c.root_hash, c.signed_note, c.created_at,"
      + " t.token from audit_checkpoint c left join audit_checkpoint_timestamp t on t.tree_size = c.tree_size";

  private final Transactions transactions;

  public LogProofs(Transactions transactions) {
    this.transactions = transactions;
  }

  /** The newest signed checkpoint, if the log has one. */
  public Optional<StoredCheckpoint> latestCheckpoint() {
    return checkpoint(SELECT_CHECKPOINT + " order by c.tree_size desc fetch first 1 rows only", null);
  }

  /** The checkpoint signed at exactly this tree size, if any. */
  public Optional<StoredCheckpoint> checkpointAt(long treeSize) {
    return checkpoint(SELECT_CHECKPOINT + " where c.tree_size = ?", treeSize);
  }

  /** All signed checkpoints, oldest first. */
  public List<StoredCheckpoint> checkpoints() {
    return checkpointsAbove(-1, Long.MAX_VALUE);
  }

  /**
   * The signed checkpoints of a tree size above {@code aboveSize} and at most {@code upToSize}, oldest first: what
   * an incremental verification reads, rather than every checkpoint the log has signed.
   */
  public List<StoredCheckpoint> checkpointsAbove(long aboveSize, long upToSize) {
    try {
      return transactions.onConnection(connection -> {
        List<StoredCheckpoint> found = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(SELECT_CHECKPOINT
            + " where c.tree_size > ? and c.tree_size <= ? order by c.tree_size")) {
          query.setLong(1, aboveSize);
          query.setLong(2, upToSize);
          try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
              found.add(read(rows));
            }
          }
        }
        return found;
      });
    } catch (SQLException e) {
      throw new AuditStorageException("AUDIT-014 could not read checkpoints: " + e.getMessage(), e);
    }
  }

  private Optional<StoredCheckpoint> checkpoint(String sql, Long treeSize) {
    try {
      return transactions.onConnection(connection -> {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
          if (treeSize != null) {
            query.setLong(1, treeSize);
          }
          try (ResultSet row = query.executeQuery()) {
            return row.next() ? Optional.of(read(row)) : Optional.<StoredCheckpoint>empty();
          }
        }
      });
    } catch (SQLException e) {
      throw new AuditStorageException("AUDIT-014 could not read checkpoints: " + e.getMessage(), e);
    }
  }

  private static StoredCheckpoint read(ResultSet row) throws SQLException {
    return new StoredCheckpoint(row.getLong(1), row.getBytes(2), row.getString(3),
        row.getObject(4, OffsetDateTime.class).toInstant(), row.getBytes(5));
  }

  /** The log index of an event, if it has been sealed. */
  public Optional<Long> indexOf(String eventId) {
    return Optional.ofNullable(sealedIndexes(List.of(eventId)).get(eventId));
  }

  /**
   * The log indexes of sealed events, by event id; events still waiting to be sealed are absent. Reads the log's
   * rows of ids and leaf hashes (69 bytes per event) once for all the ids asked.
   */
  public Map<String, Long> sealedIndexes(Collection<String> eventIds) {
    Set<String> wanted = new HashSet<>(eventIds);
    Map<String, Long> indexes = new HashMap<>();
    try {
      forEachSealed(Long.MAX_VALUE, (index, event) -> {
        if (wanted.contains(event.eventId())) {
          indexes.put(event.eventId(), index);
        }
        return indexes.size() < wanted.size();
      });
    } catch (SQLException e) {
      throw new AuditStorageException("AUDIT-014 could not read the log indexes of " + wanted.size() + " events: "
          + e.getMessage(), e);
    }
    return indexes;
  }

  public InclusionProof inclusionProof(long leafIndex, long treeSize) {
    return tree(treeSize).inclusionProof(leafIndex, treeSize);
  }

  /** The inclusion proofs of several leaves in one tree, whose leaf hashes are read once for all of them. */
  public List<InclusionProof> inclusionProofs(List<Long> leafIndexes, long treeSize) {
    MerkleTree tree = tree(treeSize);
    return leafIndexes.stream().map(leafIndex -> tree.inclusionProof(leafIndex, treeSize)).toList();
  }

  public ConsistencyProof consistencyProof(long fromSize, long toSize) {
    return tree(toSize).consistencyProof(fromSize, toSize);
  }

  /** The root of the tree of the first {@code treeSize} stored leaf hashes. */
  public byte[] rootAt(long treeSize) {
    return tree(treeSize).root(treeSize);
  }

  private MerkleTree tree(long treeSize) {
    List<byte[]> leaves = new ArrayList<>();
    try {
      forEachSealed(treeSize, (index, event) -> {
        leaves.add(event.leafHash());
        return true;
      });
    } catch (SQLException e) {
      throw new AuditStorageException("AUDIT-014 could not read leaf hashes: " + e.getMessage(), e);
    }
    return new MerkleTree(leaves);
  }

  /** Hands each sealed event below {@code treeSize} to the reader in log order, while the reader answers true. */
  private void forEachSealed(long treeSize, SealedReader reader) throws SQLException {
    transactions.onConnection(connection -> {
      try (PreparedStatement query = connection.prepareStatement("select first_index, entries from audit_log_batch"
          + " where first_index < ? order by first_index")) {
        query.setLong(1, treeSize);
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            long index = rows.getLong(1);
            for (SealingQueue.Queued event : SealingQueue.decode(rows.getBytes(2))) {
              if (index >= treeSize || !reader.read(index++, event)) {
                return null;
              }
            }
          }
        }
      }
      return null;
    });
  }

  @FunctionalInterface
  private interface SealedReader {
    boolean read(long index, SealingQueue.Queued event);
  }

  /** A signed checkpoint as stored, with its RFC 3161 time-stamp token when it has one. */
  public record StoredCheckpoint(long treeSize, byte[] rootHash, String signedNote, Instant createdAt,
      byte[] timestampToken) {}
}
