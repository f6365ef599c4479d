package org.auditrail.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * How far each reader that follows the sealed log has taken it ({@code audit_siem_position}, V16): each SIEM sink,
 * and the evaluation of alert rules. The log index of the next event to hand over, so that a restart resumes where
 * the last accepted batch ended.
 */
public final class SinkPositions {

  private final Transactions transactions;

  SinkPositions(Transactions transactions) {
    this.transactions = transactions;
  }

  /** The log index of the next event to send to a sink; 0 for a sink that has sent nothing yet. */
  public long next(String sink) throws SQLException {
    return transactions.onConnection(connection -> {
      try (PreparedStatement query = connection.prepareStatement(
          "select next_index from audit_siem_position where sink = ?")) {
        query.setString(1, sink);
        try (ResultSet row = query.executeQuery()) {
          return row.next() ? row.getLong(1) : 0L;
        }
      }
    });
  }

  /**
   * Moves a sink on from {@code from} to {@code to}, after the sink accepted the events in between. Answers false
   * when the stored position is no longer {@code from} (another node moved it): it never moves backwards.
   */
  public boolean advance(String sink, long from, long to, Instant now) throws SQLException {
    OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
    return transactions.inTransactionAnswering(connection -> {
      try (PreparedStatement update = connection.prepareStatement("update audit_siem_position set next_index = ?,"
          + " updated_at = ? where sink = ? and next_index = ?")) {
        update.setLong(1, to);
        update.setObject(2, at);
        update.setString(3, sink);
        update.setLong(4, from);
        if (update.executeUpdate() == 1) {
          return true;
        }
      }
      if (from != 0) {
        return false;
      }
      try (PreparedStatement exists = connection.prepareStatement(
          "select 1 from audit_siem_position where sink = ?")) {
        exists.setString(1, sink);
        try (ResultSet row = exists.executeQuery()) {
          if (row.next()) {
            return false;
          }
        }
      }
      try (PreparedStatement insert = connection.prepareStatement(
          "insert into audit_siem_position (sink, next_index, updated_at) values (?, ?, ?)")) {
        insert.setString(1, sink);
        insert.setLong(2, to);
        insert.setObject(3, at);
        insert.executeUpdate();
      }
      return true;
    });
  }
}
