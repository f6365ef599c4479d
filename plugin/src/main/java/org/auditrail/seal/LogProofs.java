package org.auditrail.seal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.auditrail.store.AuditStorageException;
import org.auditrail.store.Transactions;
import org.auditrail.verify.ConsistencyProof;
import org.auditrail.verify.InclusionProof;
import org.auditrail.verify.MerkleTree;

/** Reads signed checkpoints and computes inclusion and consistency proofs from the stored leaf hashes. */
public final class LogProofs {

  private static final String SELECT_CHECKPOINT = "select c.tree_size, c.root_hash, c.signed_note, c.created_at,"
      + " t.token from audit_checkpoint c left join audit_checkpoint_timestamp t on t.tree_size = c.tree_size";

  private static final int MAX_IDS_PER_QUERY = 500;

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
    try {
      return transactions.onConnection(connection -> {
        List<StoredCheckpoint> all = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(SELECT_CHECKPOINT + " order by c.tree_size");
            ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            all.add(read(rows));
          }
        }
        return all;
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
    try {
      return transactions.onConnection(connection -> {
        try (PreparedStatement query = connection.prepareStatement(
            "select log_index from audit_log_entry where event_id = ?")) {
          query.setString(1, eventId);
          try (ResultSet row = query.executeQuery()) {
            return row.next() ? Optional.of(row.getLong(1)) : Optional.<Long>empty();
          }
        }
      });
    } catch (SQLException e) {
      throw new AuditStorageException("AUDIT-014 could not read the log index of " + eventId + ": "
          + e.getMessage(), e);
    }
  }

  /** The log indexes of sealed events, by event id; events still waiting to be sealed are absent. */
  public Map<String, Long> sealedIndexes(Collection<String> eventIds) {
    List<String> ids = List.copyOf(eventIds);
    try {
      return transactions.onConnection(connection -> {
        Map<String, Long> indexes = new HashMap<>();
        for (int from = 0; from < ids.size(); from += MAX_IDS_PER_QUERY) {
          List<String> chunk = ids.subList(from, Math.min(ids.size(), from + MAX_IDS_PER_QUERY));
          try (PreparedStatement query = connection.prepareStatement("select event_id, log_index from"
              + " audit_log_entry where event_id in (" + String.join(", ", Collections.nCopies(chunk.size(), "?"))
              + ")")) {
            for (int i = 0; i < chunk.size(); i++) {
              query.setString(i + 1, chunk.get(i));
            }
            try (ResultSet rows = query.executeQuery()) {
              while (rows.next()) {
                indexes.put(rows.getString(1), rows.getLong(2));
              }
            }
          }
        }
        return indexes;
      });
    } catch (SQLException e) {
      throw new AuditStorageException("AUDIT-014 could not read the log indexes of " + ids.size() + " events: "
          + e.getMessage(), e);
    }
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

  private MerkleTree tree(long treeSize) {
    List<byte[]> leaves = new ArrayList<>();
    try {
      transactions.onConnection(connection -> {
        try (PreparedStatement query = connection.prepareStatement(
            "select leaf_hash from audit_log_entry where log_index < ? order by log_index")) {
          query.setLong(1, treeSize);
          try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
              leaves.add(rows.getBytes(1));
            }
          }
        }
        return leaves;
      });
    } catch (SQLException e) {
      throw new AuditStorageException("AUDIT-014 could not read leaf hashes: " + e.getMessage(), e);
    }
    return new MerkleTree(leaves);
  }

  /** A signed checkpoint as stored, with its RFC 3161 time-stamp token when it has one. */
  public record StoredCheckpoint(long treeSize, byte[] rootHash, String signedNote, Instant createdAt,
      byte[] timestampToken) {}
}
