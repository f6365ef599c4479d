package org.auditrail.verify.jdbc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.auditrail.logformat.SealingQueue;
import org.auditrail.verify.log.EventColumns;
import org.auditrail.verify.log.EventTime;
import org.auditrail.verify.log.ExpiredPayload;
import org.auditrail.verify.log.StoredLog;

/** Reads everything verification needs from the audit tables, and the anchored checkpoints from a folder. */
public final class JdbcLogSource {

  private static final int FETCH_SIZE = 5_000;

  private JdbcLogSource() {}

  /**
   * Reads the log in one transaction, so that it is a consistent picture. A connection already in a transaction
   * is read inside it and left as it was.
   */
  public static StoredLog read(Connection connection, Path anchorDirectory) throws SQLException, IOException {
    boolean ownTransaction = connection.getAutoCommit();
    if (ownTransaction) {
      // Also lets PostgreSQL stream large results through a cursor instead of loading them whole.
      connection.setAutoCommit(false);
    }
    try {
      Map<String, EventRow> events = events(connection);
      List<StoredLog.Entry> entries = entries(connection, events);
      return new StoredLog(entries, orphans(connection, events), checkpoints(connection),
          anchoredNotes(anchorDirectory), blobs(connection), expiredPayloads(connection));
    } finally {
      if (ownTransaction) {
        connection.rollback();
        connection.setAutoCommit(true);
      }
    }
  }

  /** The query columns of an event row, and its payload. */
  private record EventRow(String payload, Map<String, String> columns) {}

  /**
   * The log entries in index order, each joined with its event. Events are read in one sequential scan and joined
   * here: one index look-up per entry on the database side is several times slower for a whole log.
   */
  private static List<StoredLog.Entry> entries(Connection connection, Map<String, EventRow> events)
      throws SQLException {
    List<StoredLog.Entry> entries = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement("select log_index, event_id, leaf_hash,"
        + " previous_leaf_hash from audit_log_entry order by log_index")) {
      query.setFetchSize(FETCH_SIZE);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          EventRow event = events.remove(rows.getString(2));
          entries.add(new StoredLog.Entry(rows.getLong(1), rows.getString(2), rows.getBytes(3), rows.getBytes(4),
              event == null ? null : event.payload(), event == null ? Map.of() : event.columns()));
        }
      }
    }
    return entries;
  }

  private static Map<String, EventRow> events(Connection connection) throws SQLException {
    Map<String, EventRow> events = new HashMap<>();
    try (PreparedStatement query = connection.prepareStatement("select event_id, payload, trace_id,"
        + " parent_event_id, process_instance_id, business_key, entity_id, event_type, actor_type, actor_id,"
        + " event_time from audit_event")) {
      query.setFetchSize(FETCH_SIZE);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          Map<String, String> columns = new HashMap<>();
          columns.put(EventColumns.TRACE_ID, rows.getString(3));
          columns.put(EventColumns.PARENT_EVENT_ID, rows.getString(4));
          columns.put(EventColumns.PROCESS_INSTANCE_ID, rows.getString(5));
          columns.put(EventColumns.BUSINESS_KEY, rows.getString(6));
          columns.put(EventColumns.ENTITY_ID, rows.getString(7));
          columns.put(EventColumns.EVENT_TYPE, rows.getString(8));
          columns.put(EventColumns.ACTOR_TYPE, rows.getString(9));
          columns.put(EventColumns.ACTOR_ID, rows.getString(10));
          OffsetDateTime time = rows.getObject(11, OffsetDateTime.class);
          columns.put(EventColumns.EVENT_TIME, time == null ? null : EventTime.format(time.toInstant()));
          events.put(rows.getString(1), new EventRow(rows.getString(2), columns));
        }
      }
    }
    return events;
  }

  /** Events that are neither sealed (left over after the join) nor waiting in the sealing queue. */
  private static List<String> orphans(Connection connection, Map<String, EventRow> unsealed) throws SQLException {
    Set<String> queued = new HashSet<>();
    try (PreparedStatement query = connection.prepareStatement("select entries from audit_unsealed");
        ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        SealingQueue.decode(rows.getBytes(1)).forEach(event -> queued.add(event.eventId()));
      }
    }
    return unsealed.keySet().stream().filter(eventId -> !queued.contains(eventId)).sorted().toList();
  }

  private static List<StoredLog.StoredCheckpoint> checkpoints(Connection connection) throws SQLException {
    List<StoredLog.StoredCheckpoint> checkpoints = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement(
        "select tree_size, root_hash, signed_note from audit_checkpoint order by tree_size");
        ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        checkpoints.add(new StoredLog.StoredCheckpoint(rows.getLong(1), rows.getBytes(2), rows.getString(3)));
      }
    }
    return checkpoints;
  }

  /** Content removed under a retention policy; none in a log whose schema predates retention. */
  private static List<ExpiredPayload> expiredPayloads(Connection connection) throws SQLException {
    if (!tableExists(connection, "audit_content_expiry")) {
      return List.of();
    }
    List<ExpiredPayload> expired = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement(
        "select sha256, policy, expired_at from audit_content_expiry order by sha256");
        ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        expired.add(new ExpiredPayload(rows.getString(1), rows.getString(2),
            rows.getObject(3, OffsetDateTime.class).toInstant().toString()));
      }
    }
    return expired;
  }

  private static boolean tableExists(Connection connection, String table) throws SQLException {
    for (String name : new String[] {table, table.toUpperCase(Locale.ROOT)}) {
      try (ResultSet tables = connection.getMetaData().getTables(null, null, name, null)) {
        if (tables.next()) {
          return true;
        }
      }
    }
    return false;
  }

  private static Map<String, byte[]> blobs(Connection connection) throws SQLException {
    Map<String, byte[]> blobs = new HashMap<>();
    try (PreparedStatement query = connection.prepareStatement("select sha256, content from audit_content")) {
      query.setFetchSize(100);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          blobs.put(rows.getString(1), rows.getBytes(2));
        }
      }
    }
    return blobs;
  }

  /** The signed checkpoint notes in a folder, by file name; none when no folder is given. */
  public static Map<String, String> anchoredNotes(Path directory) throws IOException {
    Map<String, String> notes = new TreeMap<>();
    if (directory == null) {
      return notes;
    }
    if (!Files.isDirectory(directory)) {
      throw new IOException("the anchor folder " + directory + " does not exist or is not a folder");
    }
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.filter(path -> path.getFileName().toString().endsWith(".note")).toList()) {
        notes.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
      }
    }
    return notes;
  }
}
