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
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.auditrail.logformat.SealingQueue;
import org.auditrail.verify.log.EventColumns;
import org.auditrail.verify.log.EventTime;
import org.auditrail.verify.log.ExpiredPayload;
import org.auditrail.verify.log.LogSource;
import org.auditrail.verify.log.LogVerifier;
import org.auditrail.verify.log.StoredLog;
import org.auditrail.verify.log.VerificationReport;

/**
 * Reads everything verification needs from the audit tables, and the anchored checkpoints from a folder: streamed
 * into the verifier ({@link #verify}), or whole into memory ({@link #read}).
 */
public final class JdbcLogSource {

  private static final int FETCH_SIZE = 5_000;

  private JdbcLogSource() {}

  /**
   * Verifies the log in one transaction, so that it is a consistent picture, streaming its entries and blobs
   * through server-side cursors: memory stays bounded whatever the size of the log. A connection already in a
   * transaction is read inside it and left as it was.
   */
  public static VerificationReport verify(Connection connection, Path anchorDirectory, LogVerifier verifier)
      throws SQLException, IOException {
    Map<String, String> anchoredNotes = anchoredNotes(anchorDirectory);
    return inReadTransaction(connection, () -> {
      try {
        return verifier.verify(new Streamed(connection, anchoredNotes));
      } catch (ReadFailure e) {
        throw e.getCause();
      }
    });
  }

  /**
   * Reads the whole log into memory in one transaction, for callers that want every part at hand. Verifying a
   * large log this way needs memory for all of it; {@link #verify} streams instead.
   */
  public static StoredLog read(Connection connection, Path anchorDirectory) throws SQLException, IOException {
    Map<String, String> anchoredNotes = anchoredNotes(anchorDirectory);
    return inReadTransaction(connection, () -> {
      Streamed source = new Streamed(connection, anchoredNotes);
      try {
        List<StoredLog.Entry> entries = new ArrayList<>();
        source.forEachEntry(entries::add);
        Map<String, byte[]> blobs = new HashMap<>();
        source.forEachBlob(blobs::put);
        return new StoredLog(entries, source.unsealedOrphans(), source.checkpoints(), anchoredNotes, blobs,
            source.expiredPayloads());
      } catch (ReadFailure e) {
        throw e.getCause();
      }
    });
  }

  private interface Read<T> {
    T run() throws SQLException;
  }

  private static <T> T inReadTransaction(Connection connection, Read<T> read) throws SQLException {
    boolean ownTransaction = connection.getAutoCommit();
    if (ownTransaction) {
      // Also lets PostgreSQL stream large results through a cursor instead of loading them whole.
      connection.setAutoCommit(false);
    }
    try {
      return read.run();
    } finally {
      if (ownTransaction) {
        connection.rollback();
        connection.setAutoCommit(true);
      }
    }
  }

  /** A database error met while the verifier pulls from the source, carried out to {@link #verify}. */
  private static final class ReadFailure extends RuntimeException {
    ReadFailure(SQLException cause) {
      super(cause);
    }

    @Override
    public synchronized SQLException getCause() {
      return (SQLException) super.getCause();
    }
  }

  /** The log as the audit tables hold it, read row by row while the verifier consumes it. */
  private static final class Streamed implements LogSource {

    private final Connection connection;
    private final Map<String, String> anchoredNotes;

    Streamed(Connection connection, Map<String, String> anchoredNotes) {
      this.connection = connection;
      this.anchoredNotes = anchoredNotes;
    }

    /** The log entries in index order, each joined with its event, one fetch at a time. */
    @Override
    public void forEachEntry(Consumer<StoredLog.Entry> action) {
      try (PreparedStatement query = connection.prepareStatement("select l.log_index, l.event_id, l.leaf_hash,"
          + " l.previous_leaf_hash, e.event_id, e.payload, e.trace_id, e.parent_event_id, e.process_instance_id,"
          + " e.business_key, e.entity_id, e.event_type, e.actor_type, e.actor_id, e.event_time"
          + " from audit_log_entry l left join audit_event e on e.event_id = l.event_id order by l.log_index")) {
        query.setFetchSize(FETCH_SIZE);
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            boolean eventExists = rows.getString(5) != null;
            action.accept(new StoredLog.Entry(rows.getLong(1), rows.getString(2), rows.getBytes(3),
                rows.getBytes(4), eventExists ? rows.getString(6) : null,
                eventExists ? columns(rows, 7) : Map.of()));
          }
        }
      } catch (SQLException e) {
        throw new ReadFailure(e);
      }
    }

    /** Events that are neither sealed nor waiting in the sealing queue. */
    @Override
    public List<String> unsealedOrphans() {
      try {
        Set<String> queued = new HashSet<>();
        try (PreparedStatement query = connection.prepareStatement("select entries from audit_unsealed");
            ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            SealingQueue.decode(rows.getBytes(1)).forEach(event -> queued.add(event.eventId()));
          }
        }
        List<String> orphans = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("select e.event_id from audit_event e"
            + " where not exists (select 1 from audit_log_entry l where l.event_id = e.event_id)")) {
          query.setFetchSize(FETCH_SIZE);
          try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
              if (!queued.contains(rows.getString(1))) {
                orphans.add(rows.getString(1));
              }
            }
          }
        }
        Collections.sort(orphans);
        return orphans;
      } catch (SQLException e) {
        throw new ReadFailure(e);
      }
    }

    @Override
    public List<StoredLog.StoredCheckpoint> checkpoints() {
      try {
        return JdbcLogSource.checkpoints(connection);
      } catch (SQLException e) {
        throw new ReadFailure(e);
      }
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

    @Override
    public List<ExpiredPayload> expiredPayloads() {
      try {
        return JdbcLogSource.expiredPayloads(connection);
      } catch (SQLException e) {
        throw new ReadFailure(e);
      }
    }
  }

  /** An event row's query columns, read from the result columns starting at {@code first}. */
  private static Map<String, String> columns(ResultSet rows, int first) throws SQLException {
    Map<String, String> columns = new HashMap<>();
    columns.put(EventColumns.TRACE_ID, rows.getString(first));
    columns.put(EventColumns.PARENT_EVENT_ID, rows.getString(first + 1));
    columns.put(EventColumns.PROCESS_INSTANCE_ID, rows.getString(first + 2));
    columns.put(EventColumns.BUSINESS_KEY, rows.getString(first + 3));
    columns.put(EventColumns.ENTITY_ID, rows.getString(first + 4));
    columns.put(EventColumns.EVENT_TYPE, rows.getString(first + 5));
    columns.put(EventColumns.ACTOR_TYPE, rows.getString(first + 6));
    columns.put(EventColumns.ACTOR_ID, rows.getString(first + 7));
    OffsetDateTime time = rows.getObject(first + 8, OffsetDateTime.class);
    columns.put(EventColumns.EVENT_TIME, time == null ? null : EventTime.format(time.toInstant()));
    return columns;
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
