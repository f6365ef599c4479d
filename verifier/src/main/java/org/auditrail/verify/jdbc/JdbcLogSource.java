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
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.auditrail.verify.log.EventColumns;
import org.auditrail.verify.log.StoredLog;

/** Reads everything verification needs from the audit tables, and the anchored checkpoints from a folder. */
public final class JdbcLogSource {

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
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
      return new StoredLog(entries(connection), orphans(connection), checkpoints(connection),
          anchoredNotes(anchorDirectory), blobs(connection));
    } finally {
      if (ownTransaction) {
        connection.rollback();
        connection.setAutoCommit(true);
      }
    }
  }

  private static List<StoredLog.Entry> entries(Connection connection) throws SQLException {
    List<StoredLog.Entry> entries = new ArrayList<>();
    String sql = "select l.log_index, l.event_id, l.leaf_hash, l.previous_leaf_hash, e.payload, e.trace_id,"
        + " e.parent_event_id, e.process_instance_id, e.business_key, e.entity_id, e.event_type, e.actor_type,"
        + " e.actor_id, e.event_time from audit_log_entry l left join audit_event e on e.event_id = l.event_id"
        + " order by l.log_index";
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      query.setFetchSize(FETCH_SIZE);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          Map<String, String> columns = new HashMap<>();
          columns.put(EventColumns.TRACE_ID, rows.getString(6));
          columns.put(EventColumns.PARENT_EVENT_ID, rows.getString(7));
          columns.put(EventColumns.PROCESS_INSTANCE_ID, rows.getString(8));
          columns.put(EventColumns.BUSINESS_KEY, rows.getString(9));
          columns.put(EventColumns.ENTITY_ID, rows.getString(10));
          columns.put(EventColumns.EVENT_TYPE, rows.getString(11));
          columns.put(EventColumns.ACTOR_TYPE, rows.getString(12));
          columns.put(EventColumns.ACTOR_ID, rows.getString(13));
          OffsetDateTime time = rows.getObject(14, OffsetDateTime.class);
          columns.put(EventColumns.EVENT_TIME, time == null ? null : TIMESTAMP.format(time));
          entries.add(new StoredLog.Entry(rows.getLong(1), rows.getString(2), rows.getBytes(3), rows.getBytes(4),
              rows.getString(5), columns));
        }
      }
    }
    return entries;
  }

  private static List<String> orphans(Connection connection) throws SQLException {
    List<String> orphans = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement("select e.event_id from audit_event e"
        + " where not exists (select 1 from audit_log_entry l where l.event_id = e.event_id)"
        + " and not exists (select 1 from audit_unsealed u where u.event_id = e.event_id) order by e.event_id");
        ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        orphans.add(rows.getString(1));
      }
    }
    return orphans;
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
