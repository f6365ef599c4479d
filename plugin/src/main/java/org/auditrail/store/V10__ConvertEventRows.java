package org.auditrail.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.auditrail.logformat.SealingQueue;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Moves the per-event rows of versions before 9 into command rows and log batches, on PostgreSQL and H2, keeping
 * every event byte for byte, every leaf, log index and checkpoint, and every trace of tampering:
 * <ul>
 *   <li>each queued write becomes one command row, still queued;</li>
 *   <li>every other event becomes a command row of its own (which command wrote it was never recorded); an event
 *       that was neither sealed nor queued stays so, and the verifier still reports it;</li>
 *   <li>the log entries become log batches, one per sealing round; a batch also ends where the stored index
 *       sequence or previous-leaf chain breaks, so that the verifier still finds the break;</li>
 *   <li>lookup arrays and times come from the stored columns, not the JSON, so that an edited column stays found.</li>
 * </ul>
 * V11 then drops the per-event tables.
 */
final class V10__ConvertEventRows extends BaseJavaMigration {

  private static final int EVENTS_PER_BATCH = 1_000;
  private static final String EVENT_COLUMNS = "event_id, trace_id, business_key, process_instance_id, event_time,"
      + " payload";

  @Override
  public void migrate(Context context) throws SQLException {
    Connection connection = context.getConnection();
    Set<String> queued = convertQueue(connection);
    convertEvents(connection, queued);
    convertLog(connection);
  }

  /** Each queue row, one write's events, becomes a command row of those events; answers the ids queued. */
  private static Set<String> convertQueue(Connection connection) throws SQLException {
    Map<String, List<String>> writes = new HashMap<>();
    try (PreparedStatement query = connection.prepareStatement("select batch_id, entries from audit_unsealed");
        ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        writes.put(rows.getString(1),
            SealingQueue.decode(rows.getBytes(2)).stream().map(SealingQueue.Queued::eventId).toList());
      }
    }
    Set<String> queued = new HashSet<>();
    try (PreparedStatement insert = insertCommand(connection)) {
      for (Map.Entry<String, List<String>> write : writes.entrySet()) {
        queued.addAll(write.getValue());
        List<StoredEvent> events = new ArrayList<>();
        for (String eventId : write.getValue()) {
          try (PreparedStatement query = connection.prepareStatement("select " + EVENT_COLUMNS
              + " from audit_event where event_id = ?")) {
            query.setString(1, eventId);
            try (ResultSet row = query.executeQuery()) {
              if (row.next()) {
                events.add(StoredEvent.of(row));
              }
            }
          }
        }
        if (!events.isEmpty()) {
          addCommand(connection, insert, write.getKey(), events);
        }
      }
      insert.executeBatch();
    }
    try (PreparedStatement update = connection.prepareStatement(
        "update audit_unsealed set command_id = batch_id, first_line = 0")) {
      update.executeUpdate();
    }
    return queued;
  }

  /** Every event not in a queued write becomes a command row of its own. */
  private static void convertEvents(Connection connection, Set<String> queued) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement("select " + EVENT_COLUMNS
        + " from audit_event order by event_id");
        PreparedStatement insert = insertCommand(connection)) {
      query.setFetchSize(EVENTS_PER_BATCH);
      int pending = 0;
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          StoredEvent event = StoredEvent.of(rows);
          if (!queued.contains(event.eventId())) {
            addCommand(connection, insert, event.eventId(), List.of(event));
            if (++pending == EVENTS_PER_BATCH) {
              insert.executeBatch();
              pending = 0;
            }
          }
        }
      }
      insert.executeBatch();
    }
  }

  /** The log entries, in index order, become one batch per sealing round. */
  private static void convertLog(Connection connection) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement("select log_index, event_id, leaf_hash,"
        + " previous_leaf_hash, sealed_at from audit_log_entry order by log_index");
        PreparedStatement insert = connection.prepareStatement("insert into audit_log_batch (first_index,"
            + " event_count, command_ids, entries, previous_leaf_hash, sealed_at) values (?, ?, ?, ?, ?, ?)")) {
      query.setFetchSize(EVENTS_PER_BATCH);
      LogBatch batch = null;
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          long index = rows.getLong(1);
          byte[] previous = rows.getBytes(4);
          OffsetDateTime sealedAt = rows.getObject(5, OffsetDateTime.class);
          if (batch == null || !batch.continuedBy(index, previous, sealedAt)) {
            if (batch != null) {
              batch.insert(connection, insert);
            }
            batch = new LogBatch(index, previous, sealedAt);
          }
          batch.add(new SealingQueue.Queued(rows.getString(2), rows.getBytes(3)));
        }
      }
      if (batch != null) {
        batch.insert(connection, insert);
      }
      insert.executeBatch();
    }
  }

  private static PreparedStatement insertCommand(Connection connection) throws SQLException {
    return connection.prepareStatement("insert into audit_command (command_id, event_count, first_event_time,"
        + " last_event_time, trace_ids, business_keys, process_instance_ids, events)"
        + " values (?, ?, ?, ?, ?, ?, ?, ?)");
  }

  private static void addCommand(Connection connection, PreparedStatement insert, String commandId,
      List<StoredEvent> events) throws SQLException {
    insert.setString(1, commandId);
    insert.setInt(2, events.size());
    insert.setObject(3, events.stream().map(StoredEvent::time).min(OffsetDateTime::compareTo).orElseThrow());
    insert.setObject(4, events.stream().map(StoredEvent::time).max(OffsetDateTime::compareTo).orElseThrow());
    insert.setArray(5, distinct(connection, events.stream().map(StoredEvent::traceId).toList()));
    insert.setArray(6, distinct(connection, events.stream().map(StoredEvent::businessKey).toList()));
    insert.setArray(7, distinct(connection, events.stream().map(StoredEvent::processInstanceId).toList()));
    insert.setString(8, String.join(CommandRow.LINE_BREAK, events.stream().map(StoredEvent::payload).toList()));
    insert.addBatch();
  }

  private static java.sql.Array distinct(Connection connection, List<String> values) throws SQLException {
    return connection.createArrayOf("varchar",
        values.stream().filter(Objects::nonNull).collect(java.util.stream.Collectors.toCollection(TreeSet::new))
            .toArray());
  }

  private record StoredEvent(String eventId, String traceId, String businessKey, String processInstanceId,
      OffsetDateTime time, String payload) {

    static StoredEvent of(ResultSet row) throws SQLException {
      return new StoredEvent(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
          row.getObject(5, OffsetDateTime.class), row.getString(6));
    }
  }

  /** Consecutive log entries of one sealing round, unbroken. */
  private static final class LogBatch {
    private final long firstIndex;
    private final byte[] previousLeaf;
    private final OffsetDateTime sealedAt;
    private final List<SealingQueue.Queued> entries = new ArrayList<>();

    LogBatch(long firstIndex, byte[] previousLeaf, OffsetDateTime sealedAt) {
      this.firstIndex = firstIndex;
      this.previousLeaf = previousLeaf;
      this.sealedAt = sealedAt;
    }

    boolean continuedBy(long index, byte[] previous, OffsetDateTime at) {
      return entries.size() < EVENTS_PER_BATCH && index == firstIndex + entries.size()
          && Arrays.equals(previous, entries.get(entries.size() - 1).leafHash()) && at.isEqual(sealedAt);
    }

    void add(SealingQueue.Queued entry) {
      entries.add(entry);
    }

    void insert(Connection connection, PreparedStatement insert) throws SQLException {
      insert.setLong(1, firstIndex);
      insert.setInt(2, entries.size());
      insert.setArray(3, connection.createArrayOf("varchar",
          entries.stream().map(SealingQueue.Queued::eventId).toArray()));
      insert.setBytes(4, SealingQueue.encode(entries));
      insert.setBytes(5, previousLeaf);
      insert.setObject(6, sealedAt);
      insert.addBatch();
    }
  }
}
