package org.auditrail.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.auditrail.logformat.SealingQueue;

/**
 * The sealing queue, {@code audit_unsealed}: every command row queues its events' ids and leaf hashes in the
 * writer's transaction; the sequencer takes them in order and removes them in its sealing transaction.
 */
public final class UnsealedQueue {

  /** 24 entries of at most 69 bytes keep a queue row under PostgreSQL's 2 KB TOAST threshold. */
  static final int EVENTS_PER_QUEUE_ROW = 24;

  UnsealedQueue() {}

  /** Queues the events of a command row, in order, in the writer's transaction. */
  void enqueue(Connection connection, String commandId, List<SealingQueue.Queued> queued, Instant earliest)
      throws SQLException {
    // Queue rows of a few dozen events: few rows per write, each small enough to stay out of TOAST storage.
    try (PreparedStatement queue = connection.prepareStatement("insert into audit_unsealed (batch_id, event_count,"
        + " entries, recorded_at, command_id, first_line) values (?, ?, ?, ?, ?, ?)")) {
      for (int from = 0; from < queued.size(); from += EVENTS_PER_QUEUE_ROW) {
        List<SealingQueue.Queued> row = queued.subList(from, Math.min(queued.size(), from + EVENTS_PER_QUEUE_ROW));
        queue.setString(1, row.get(0).eventId());
        queue.setInt(2, row.size());
        queue.setBytes(3, SealingQueue.encode(row));
        queue.setObject(4, OffsetDateTime.ofInstant(earliest, ZoneOffset.UTC));
        queue.setString(5, commandId);
        queue.setInt(6, from);
        queue.addBatch();
      }
      queue.executeBatch();
    }
  }

  /**
   * The next committed command rows to seal, in the order of their ids (their first event's) and each one's events
   * in the order of its lines, until they hold {@code batchSize} events. A command is taken whole, so that each is
   * sealed in one round; one larger than a batch makes a round of its own. Rows that cannot be sealed (entries that
   * do not decode, a command id without its command row) are handed back apart, for {@link #quarantine}.
   */
  public Next next(Connection connection, int batchSize) throws SQLException {
    List<QueuedWrite> writes = new ArrayList<>();
    List<Unsealable> unsealable = new ArrayList<>();
    int events = 0;
    // The queue alone, in index order, so that the read stops after a batch; whether the taken rows' command rows
    // exist is asked once for them all below, not joined for every queued row.
    try (PreparedStatement queue = connection.prepareStatement("select batch_id, entries, recorded_at, command_id"
        + " from audit_unsealed order by command_id, first_line")) {
      queue.setFetchSize(batchSize / EVENTS_PER_QUEUE_ROW + 2);
      try (ResultSet rows = queue.executeQuery()) {
        while (rows.next()) {
          String commandId = rows.getString(4);
          if (events >= batchSize && !writes.isEmpty()
              && !Objects.equals(commandId, writes.get(writes.size() - 1).commandId())) {
            break;
          }
          String writeId = rows.getString(1);
          byte[] entries = rows.getBytes(2);
          Instant recordedAt = rows.getObject(3, OffsetDateTime.class).toInstant();
          if (entries == null) {
            unsealable.add(new Unsealable(writeId, commandId, null, recordedAt, "the row has no entries"));
            continue;
          }
          List<SealingQueue.Queued> decoded;
          try {
            decoded = SealingQueue.decode(entries);
          } catch (IllegalArgumentException e) {
            unsealable.add(new Unsealable(writeId, commandId, entries, recordedAt, e.getMessage()));
            continue;
          }
          QueuedWrite write = new QueuedWrite(writeId, commandId, decoded, recordedAt, null);
          writes.add(write);
          events += write.events().size();
        }
      }
    }
    CommandTraces traces = CommandTraces.read(connection, writes);
    List<QueuedWrite> sealable = new ArrayList<>(writes.size());
    for (QueuedWrite write : writes) {
      List<String> eventTraces = traces.of(write);
      if (eventTraces != null) {
        sealable.add(write.withTraces(eventTraces));
      } else {
        unsealable.add(new Unsealable(write.writeId(), write.commandId(), SealingQueue.encode(write.events()),
            write.recordedAt(), "command row '" + write.commandId() + "' does not exist"));
      }
    }
    return new Next(sealable, unsealable);
  }

  /** Moves rows that cannot be sealed out of the queue, with the reason, in the sealing transaction. */
  public void quarantine(Connection connection, List<Unsealable> rows, Instant at) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    try (PreparedStatement insert = connection.prepareStatement("insert into audit_unsealed_quarantine (batch_id,"
        + " command_id, entries, recorded_at, reason, quarantined_at) values (?, ?, ?, ?, ?, ?)")) {
      for (Unsealable row : rows) {
        insert.setString(1, row.writeId());
        insert.setString(2, row.commandId());
        insert.setBytes(3, row.entries());
        insert.setObject(4, OffsetDateTime.ofInstant(row.recordedAt(), ZoneOffset.UTC));
        insert.setString(5, row.reason().length() > 500 ? row.reason().substring(0, 500) : row.reason());
        insert.setObject(6, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
        insert.addBatch();
      }
      insert.executeBatch();
    }
    remove(connection, rows.stream().map(Unsealable::writeId).toList());
  }

  /** When the oldest queued row was recorded, if any waits: the seal lag of a sequencer that has stalled. */
  public Optional<Instant> oldestRecordedAt(Connection connection) throws SQLException {
    try (PreparedStatement oldest = connection.prepareStatement("select min(recorded_at) from audit_unsealed");
        ResultSet row = oldest.executeQuery()) {
      OffsetDateTime at = row.next() ? row.getObject(1, OffsetDateTime.class) : null;
      return Optional.ofNullable(at).map(OffsetDateTime::toInstant);
    }
  }

  /** Removes sealed writes from the queue, in the sealing transaction. */
  public void remove(Connection connection, List<String> writeIds) throws SQLException {
    try (PreparedStatement dequeue = connection.prepareStatement(
        "delete from audit_unsealed where batch_id = any (?)")) {
      dequeue.setArray(1, connection.createArrayOf("varchar", writeIds.toArray()));
      dequeue.executeUpdate();
    }
  }

  /**
   * One queue row: its id, its command row, its events in sealing order, when they were recorded, and each event's
   * trace (once the command row was found).
   */
  public record QueuedWrite(String writeId, String commandId, List<SealingQueue.Queued> events,
      Instant recordedAt, List<String> traceIds) {

    QueuedWrite withTraces(List<String> traces) {
      return new QueuedWrite(writeId, commandId, events, recordedAt, traces);
    }
  }

  /** What {@link #next} found: the rows to seal, and those that cannot be sealed. */
  public record Next(List<QueuedWrite> writes, List<Unsealable> unsealable) {}

  /** A queue row that cannot be sealed, and why. */
  public record Unsealable(String writeId, String commandId, byte[] entries, Instant recordedAt, String reason) {}
}
