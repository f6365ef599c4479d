package org.auditrail.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Optional;

/**
 * The content store, {@code audit_content}: bytes kept once under their SHA-256, so that events hold the hash.
 * A blob is only ever added, or removed by the {@link ExpiryLedger} when its retention ends.
 */
public final class ContentStore {

  private final SqlDialect dialect;
  private final Transactions transactions;

  ContentStore(SqlDialect dialect, Transactions transactions) {
    this.dialect = dialect;
    this.transactions = transactions;
  }

  /** Adds the blobs not yet stored, in the caller's transaction, in one batch. */
  public void put(Connection connection, Collection<ContentBlob> blobs) throws SQLException {
    if (blobs.isEmpty()) {
      return;
    }
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    try (PreparedStatement insert = connection.prepareStatement(dialect.insertContentIfAbsent())) {
      for (ContentBlob blob : blobs) {
        insert.setString(1, blob.sha256());
        insert.setLong(2, blob.size());
        insert.setString(3, blob.mediaType());
        insert.setBytes(4, blob.content());
        insert.setObject(5, now);
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  /** The bytes stored under a SHA-256, if any. */
  public Optional<ContentBlob> find(String sha256) throws SQLException {
    return transactions.onConnection(connection -> find(connection, sha256));
  }

  /** The bytes stored under a SHA-256, if any, read in the caller's transaction. */
  public Optional<ContentBlob> find(Connection connection, String sha256) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(
        "select media_type, content from audit_content where sha256 = ?")) {
      query.setString(1, sha256);
      try (ResultSet row = query.executeQuery()) {
        return row.next() ? Optional.of(new ContentBlob(sha256, row.getString(1), row.getBytes(2))) : Optional.empty();
      }
    }
  }

  /** Whether bytes are stored under a SHA-256, without reading them. */
  public boolean contains(String sha256) throws SQLException {
    return transactions.onConnection(connection -> {
      try (PreparedStatement query = connection.prepareStatement("select 1 from audit_content where sha256 = ?")) {
        query.setString(1, sha256);
        try (ResultSet row = query.executeQuery()) {
          return row.next();
        }
      }
    });
  }
}
