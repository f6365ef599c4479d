package org.auditrail.verify.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import org.auditrail.logformat.SealingQueue;

/**
 * What waits in the sealing queue ({@code audit_unsealed}): the events queued, and the command rows they belong to
 * where the queue names them (it does from the command layout on).
 *
 * @param eventIds every queued event
 * @param commandIds every command row a queue row names
 */
record SealingQueueRows(Set<String> eventIds, Set<String> commandIds) {

  static SealingQueueRows read(Connection connection) throws SQLException {
    boolean byCommand = hasCommandColumn(connection);
    Set<String> eventIds = new HashSet<>();
    Set<String> commandIds = new HashSet<>();
    try (PreparedStatement query = connection.prepareStatement(
        byCommand ? "select entries, command_id from audit_unsealed" : "select entries from audit_unsealed");
        ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        SealingQueue.decode(rows.getBytes(1)).forEach(event -> eventIds.add(event.eventId()));
        if (byCommand && rows.getString(2) != null) {
          commandIds.add(rows.getString(2));
        }
      }
    }
    return new SealingQueueRows(eventIds, commandIds);
  }

  private static boolean hasCommandColumn(Connection connection) throws SQLException {
    for (String table : new String[] {"audit_unsealed", "AUDIT_UNSEALED"}) {
      for (String column : new String[] {"command_id", "COMMAND_ID"}) {
        try (ResultSet columns = connection.getMetaData().getColumns(null, null, table, column)) {
          if (columns.next()) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
