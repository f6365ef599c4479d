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
   * sealed in one round; one larger than a batch makes a round of its own.
   */
  public List<QueuedWrite> next(Connection connection, int batchSize) throws SQLException {
    List<QueuedWrite> writes = new ArrayList<>();
    int events = 0;
    try (PreparedStatement queue = connection.prepareStatement("select batch_id, entries, recorded_at, command_id"
        + " from audit_unsealed order by command_id, first_line")) {
      queue.setFetchSize(batchSize / EVENTS_PER_QUEUE_ROW + 2);
      try (ResultSet rows = queue.executeQuery()) {
        while (rows.next()) {
          String commandId = rows.getString(4);
          if (events >= batchSize && !commandId.equals(writes.get(writes.size() - 1).commandId())) {
            break;
          }
          QueuedWrite write = new QueuedWrite(rows.getString(1), commandId,
              SealingQueue.decode(rows.getBytes(2)), rows.getObject(3, OffsetDateTime.class).toInstant());
          writes.add(write);
          events += write.events().size();
        }
      }
    }
    return writes;
  }

  /** Removes sealed writes from the queue, in the sealing transaction. */
  public void remove(Connection connection, List<String> writeIds) throws SQLException {
    try (PreparedStatement dequeue = connection.prepareStatement(
        "delete from audit_unsealed where batch_id = any (?)")) {
      dequeue.setArray(1, connection.createArrayOf("varchar", writeIds.toArray()));
      dequeue.executeUpdate();
    }
  }

  /** One queue row: its id, its command row, its events in sealing order, and when they were recorded. */
  public record QueuedWrite(String writeId, String commandId, List<SealingQueue.Queued> events,
      Instant recordedAt) {}
}
