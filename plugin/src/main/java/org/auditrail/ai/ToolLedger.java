package org.auditrail.ai;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.auditrail.store.AuditStorageException;
import org.auditrail.store.ContentBlob;
import org.auditrail.store.ContentStore;
import org.auditrail.store.Transactions;

/**
 * The results of side-effecting tool calls by idempotency key, committed as soon as the tool returns, apart from
 * the engine's transaction, so that a retried job finds them.
 */
final class ToolLedger {

  private final Transactions transactions;
  private final ContentStore contents;

  ToolLedger(Transactions transactions, ContentStore contents) {
    this.transactions = transactions;
    this.contents = contents;
  }

  Optional<String> resultOf(String idempotencyKey) {
    try {
      return transactions.onConnection(connection -> {
        try (PreparedStatement query = connection.prepareStatement("select result_sha256 from audit_tool_execution"
            + " where idempotency_key = ?")) {
          query.setString(1, idempotencyKey);
          try (ResultSet row = query.executeQuery()) {
            if (!row.next()) {
              return Optional.<String>empty();
            }
            return contents.find(connection, row.getString(1))
                .map(result -> new String(result.content(), StandardCharsets.UTF_8));
          }
        }
      });
    } catch (SQLException e) {
      // Calling the tool again could repeat its side effect: fail the task, and let the job retry later.
      throw new AuditStorageException("AUDIT-045 the tool ledger could not be read for idempotency key "
          + idempotencyKey + ", so the side-effecting tool is not called: " + e.getMessage(), e);
    }
  }

  void keep(String idempotencyKey, String toolName, ContentBlob result, String toolCallEventId) throws SQLException {
    transactions.inTransaction(connection -> {
      contents.put(connection, List.of(result));
      try (PreparedStatement insert = connection.prepareStatement("insert into audit_tool_execution"
          + " (idempotency_key, tool_name, result_sha256, event_id, executed_at) values (?, ?, ?, ?, ?)")) {
        insert.setString(1, idempotencyKey);
        insert.setString(2, toolName);
        insert.setString(3, result.sha256());
        insert.setString(4, toolCallEventId);
        insert.setObject(5, OffsetDateTime.now(ZoneOffset.UTC));
        insert.executeUpdate();
      }
    });
  }
}
