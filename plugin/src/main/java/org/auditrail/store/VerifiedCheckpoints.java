package org.auditrail.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * {@code audit_verified_checkpoint}: the checkpoints continuous verification found good. Rows are only added, so the
 * largest is where the next incremental run starts, on any node and after a restart.
 */
public final class VerifiedCheckpoints {

  private final Transactions transactions;

  VerifiedCheckpoints(Transactions transactions) {
    this.transactions = transactions;
  }

  /** The largest checkpoint found good, if any run verified one. */
  public Optional<Verified> latest() throws SQLException {
    return transactions.onConnection(connection -> {
      try (PreparedStatement query = connection.prepareStatement("select tree_size, root_hash, verified_at, kind"
          + " from audit_verified_checkpoint order by tree_size desc fetch first 1 rows only");
          ResultSet row = query.executeQuery()) {
        return row.next()
            ? Optional.of(new Verified(row.getLong(1), row.getBytes(2),
                row.getObject(3, OffsetDateTime.class).toInstant(), row.getString(4)))
            : Optional.<Verified>empty();
      }
    });
  }

  /**
   * Records a checkpoint as verified. One verified before at the same size is left as it was: its root was the
   * signed one then, and a run that found a different root would have failed.
   */
  public void record(Verified verified) throws SQLException {
    transactions.inTransaction(connection -> {
      try (PreparedStatement insert = connection.prepareStatement("insert into audit_verified_checkpoint"
          + " (tree_size, root_hash, verified_at, kind) select ?, ?, ?, ? where not exists"
          + " (select 1 from audit_verified_checkpoint where tree_size = ?)")) {
        insert.setLong(1, verified.treeSize());
        insert.setBytes(2, verified.rootHash());
        insert.setObject(3, OffsetDateTime.ofInstant(verified.verifiedAt(), ZoneOffset.UTC));
        insert.setString(4, verified.kind());
        insert.setLong(5, verified.treeSize());
        insert.executeUpdate();
      }
    });
  }

  /**
   * A checkpoint found good.
   *
   * @param kind the run that verified it: {@code incremental} or {@code full}
   */
  public record Verified(long treeSize, byte[] rootHash, Instant verifiedAt, String kind) {}
}
