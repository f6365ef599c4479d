package org.auditrail.verify.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import org.auditrail.verify.log.ExpiredPayload;
import org.auditrail.verify.log.LogSource;
import org.auditrail.verify.log.StoredLog;

/**
 * A log as the audit tables hold it, read row by row while the verifier consumes it. What every storage layout
 * shares (checkpoints, content blobs, expiry records) is read here; each layout reads its events and entries.
 */
abstract class DatabaseLog implements LogSource {

  protected final Connection connection;
  private final Map<String, String> anchoredNotes;
  /** The first log index whose entries are read: 0 for the whole log. */
  protected long fromIndex;

  DatabaseLog(Connection connection, Map<String, String> anchoredNotes) {
    this.connection = connection;
    this.anchoredNotes = anchoredNotes;
  }

  /**
   * The source for the layout the database holds: command rows once there is an {@code audit_command} table in
   * use, else the per-event rows of earlier versions (a restored backup, say). A database migrated to the command
   * tables whose writer still writes per-event rows is read per event until the first command row or batch exists.
   */
  static DatabaseLog of(Connection connection, Map<String, String> anchoredNotes) throws SQLException {
    boolean commandLayout = tableExists(connection, "audit_command")
        && (!tableExists(connection, "audit_log_entry") || hasRows(connection, "audit_log_batch")
            || hasRows(connection, "audit_command"));
    return commandLayout
        ? new CommandRowLog(connection, anchoredNotes)
        : new EventRowLog(connection, anchoredNotes);
  }

  /** Reads the entries from this log index on, skipping the rows of earlier ones. */
  DatabaseLog startingAt(long index) {
    this.fromIndex = index;
    return this;
  }

  @Override
  public List<StoredLog.StoredCheckpoint> checkpoints() {
    List<StoredLog.StoredCheckpoint> checkpoints = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement(
        "select tree_size, root_hash, signed_note from audit_checkpoint order by tree_size");
        ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        checkpoints.add(new StoredLog.StoredCheckpoint(rows.getLong(1), rows.getBytes(2), rows.getString(3)));
      }
    } catch (SQLException e) {
      throw new ReadFailure(e);
    }
    return checkpoints;
  }

  @Override
  public Map<String, String> anchoredNotes() {
    return anchoredNotes;
  }

  /** Every content-store blob, a few at a time: blobs can be large. */
  @Override
  public void forEachBlob(BiConsumer<String, byte[]> action) {
    try (PreparedStatement query = connection.prepareStatement("select sha256, content from audit_content")) {
      query.setFetchSize(100);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          action.accept(rows.getString(1), rows.getBytes(2));
        }
      }
    } catch (SQLException e) {
      throw new ReadFailure(e);
    }
  }

  /** Content removed under a retention policy; none in a log whose schema predates retention. */
  @Override
  public List<ExpiredPayload> expiredPayloads() {
    List<ExpiredPayload> expired = new ArrayList<>();
    try {
      if (!tableExists(connection, "audit_content_expiry")) {
        return expired;
      }
      try (PreparedStatement query = connection.prepareStatement(
          "select sha256, policy, expired_at from audit_content_expiry order by sha256");
          ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          expired.add(new ExpiredPayload(rows.getString(1), rows.getString(2),
              rows.getObject(3, OffsetDateTime.class).toInstant().toString()));
        }
      }
    } catch (SQLException e) {
      throw new ReadFailure(e);
    }
    return expired;
  }

  static boolean tableExists(Connection connection, String table) throws SQLException {
    for (String name : new String[] {table, table.toUpperCase(Locale.ROOT)}) {
      try (ResultSet tables = connection.getMetaData().getTables(null, null, name, null)) {
        if (tables.next()) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean hasRows(Connection connection, String table) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement("select 1 from " + table + " fetch first 1 rows only");
        ResultSet rows = query.executeQuery()) {
      return rows.next();
    }
  }
}
