package org.auditrail.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Optional;

/**
 * The record of removed content, {@code audit_content_expiry}: a blob whose retention ended is recorded here and
 * removed in one transaction, the only way the database lets content be deleted.
 */
public final class ExpiryLedger {

  private final Transactions transactions;

  ExpiryLedger(Transactions transactions) {
    this.transactions = transactions;
  }

  /** Records the expiries and removes their blobs from the content store, all or nothing. */
  public void expire(Collection<Expiry> expiries, Instant now) throws SQLException {
    transactions.inTransaction(connection -> {
      try (PreparedStatement expiry = connection.prepareStatement("insert into audit_content_expiry (sha256,"
          + " event_type, policy, expired_at) values (?, ?, ?, ?)");
          PreparedStatement delete = connection.prepareStatement("delete from audit_content where sha256 = ?")) {
        for (Expiry entry : expiries) {
          expiry.setString(1, entry.sha256());
          expiry.setString(2, entry.eventType());
          expiry.setString(3, entry.policy());
          expiry.setObject(4, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
          expiry.addBatch();
          delete.setString(1, entry.sha256());
          delete.addBatch();
        }
        expiry.executeBatch();
        delete.executeBatch();
      }
    });
  }

  /** How a blob removed under a retention policy was recorded, if it was. */
  public Optional<Expired> expiryOf(String sha256) throws SQLException {
    return transactions.onConnection(connection -> {
      try (PreparedStatement query = connection.prepareStatement(
          "select policy, expired_at from audit_content_expiry where sha256 = ?")) {
        query.setString(1, sha256);
        try (ResultSet rows = query.executeQuery()) {
          return rows.next()
              ? Optional.of(new Expired(rows.getString(1), rows.getObject(2, OffsetDateTime.class).toInstant()))
              : Optional.empty();
        }
      }
    });
  }

  /**
   * A blob to remove.
   *
   * @param eventType the event type whose retention ended
   * @param policy the retention as described in the record, such as {@code model_call after P30D}
   */
  public record Expiry(String sha256, String eventType, String policy) {}

  /** A removal as recorded: under which policy, and when. */
  public record Expired(String policy, Instant expiredAt) {}
}
