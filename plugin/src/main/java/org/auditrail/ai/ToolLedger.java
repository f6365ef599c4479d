package org.auditrail.ai;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.auditrail.capture.DetachedEventLog;
import org.auditrail.store.AuditStorageException;
import org.auditrail.store.ContentBlob;

/**
 * The results of side-effecting tool calls by idempotency key, committed as soon as the tool returns, apart from
 * the engine's transaction, so that a retried job finds them.
 */
final class ToolLedger {

  private final DetachedEventLog log;

  ToolLedger(DetachedEventLog log) {
    this.log = log;
  }

  Optional<String> resultOf(String idempotencyKey) {
    try (Connection connection = log.dataSource().getConnection();
        PreparedStatement query = connection.prepareStatement("select c.content from audit_tool_execution t"
            + " join audit_content c on c.sha256 = t.result_sha256 where t.idempotency_key = ?")) {
      query.setString(1, idempotencyKey);
      try (ResultSet row = query.executeQuery()) {
        return row.next() ? Optional.of(new String(row.getBytes(1), StandardCharsets.UTF_8)) : Optional.empty();
      }
    } catch (SQLException e) {
      // Calling the tool again could repeat its side effect: fail the task, and let the job retry later.
      throw new AuditStorageException("AUDIT-045 the tool ledger could not be read for idempotency key "
          + idempotencyKey + ", so the side-effecting tool is not called: " + e.getMessage(), e);
    }
  }

  void keep(String idempotencyKey, String toolName, ContentBlob result, String toolCallEventId) throws SQLException {
    log.inTransaction(connection -> {
      log.writer().write(connection, List.of(), List.of(result));
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
