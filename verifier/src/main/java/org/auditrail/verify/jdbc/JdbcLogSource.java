package org.auditrail.verify.jdbc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.auditrail.verify.log.CheckpointTimestamps;
import org.auditrail.verify.log.LogVerifier;
import org.auditrail.verify.log.StoredLog;
import org.auditrail.verify.log.VerificationReport;

/**
 * Reads everything verification needs from the audit tables, and the anchored checkpoints from a folder: streamed
 * into the verifier ({@link #verify}), or whole into memory ({@link #read}). Reads the layout the database holds:
 * events stored per engine command, or per event as earlier versions stored them.
 */
public final class JdbcLogSource {

  private JdbcLogSource() {}

  /**
   * Verifies the log in one transaction, so that it is a consistent picture, streaming its entries and blobs
   * through server-side cursors: memory stays bounded whatever the size of the log. A connection already in a
   * transaction is read inside it and left as it was.
   */
  public static VerificationReport verify(Connection connection, Path anchorDirectory, LogVerifier verifier)
      throws SQLException, IOException {
    return verifyAgainst(connection, anchoredNotes(anchorDirectory), verifier);
  }

  /**
   * Like {@link #verify(Connection, Path, LogVerifier)}, with the signed checkpoint notes kept outside the database
   * given by name, such as an anchor folder's and a checkpoint the auditor kept.
   */
  public static VerificationReport verifyAgainst(Connection connection, Map<String, String> anchoredNotes,
      LogVerifier verifier) throws SQLException {
    return inReadTransaction(connection, () -> {
      DatabaseLog log = DatabaseLog.of(connection, anchoredNotes);
      try {
        return verifier.verify(log);
      } catch (ReadFailure e) {
        throw e.getCause();
      }
    });
  }

  /**
   * Verifies the log entries from {@code fromIndex} (inclusive) to {@code toIndex} (exclusive) in one transaction,
   * reading only the sealing rounds that hold them (see {@link LogVerifier#verifyEntries}).
   */
  public static VerificationReport verifyEntries(Connection connection, long fromIndex, long toIndex,
      LogVerifier verifier) throws SQLException {
    return inReadTransaction(connection, () -> {
      DatabaseLog log = DatabaseLog.of(connection, Map.of()).startingAt(fromIndex);
      try {
        return verifier.verifyEntries(log, fromIndex, toIndex);
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
      DatabaseLog source = DatabaseLog.of(connection, anchoredNotes);
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

  /**
   * Every stored RFC 3161 time-stamp token with the signed note of its checkpoint, by tree size; none in a schema
   * without time-stamps.
   */
  public static List<CheckpointTimestamps.StoredTimestamp> checkpointTimestamps(Connection connection)
      throws SQLException {
    return inReadTransaction(connection, () -> {
      List<CheckpointTimestamps.StoredTimestamp> timestamps = new ArrayList<>();
      if (!DatabaseLog.tableExists(connection, "audit_checkpoint_timestamp")) {
        return timestamps;
      }
      try (PreparedStatement query = connection.prepareStatement("select t.tree_size, t.token, c.signed_note"
          + " from audit_checkpoint_timestamp t left join audit_checkpoint c on c.tree_size = t.tree_size"
          + " order by t.tree_size");
          ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          timestamps.add(new CheckpointTimestamps.StoredTimestamp(rows.getLong(1), rows.getBytes(2),
              rows.getString(3)));
        }
      }
      return timestamps;
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
