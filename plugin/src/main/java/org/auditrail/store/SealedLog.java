package org.auditrail.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.auditrail.logformat.SealingQueue;

/**
 * The sealed events in log order, each with its log index and its canonical JSON exactly as stored: for readers
 * that follow the log, such as the SIEM stream. Reads the log batches from an index on, then the command rows
 * those batches name, in one query each.
 */
public final class SealedLog {

  private final Transactions transactions;

  SealedLog(Transactions transactions) {
    this.transactions = transactions;
  }

  /** How many events the log has sealed: the index the next sealed event will get. */
  public long size() throws SQLException {
    return transactions.onConnection(connection -> {
      try (PreparedStatement query = connection.prepareStatement(
          "select coalesce(max(first_index + event_count), 0) from audit_log_batch");
          ResultSet row = query.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    });
  }

  /**
   * Up to {@code max} sealed events from log index {@code from} on, in log order; fewer (or none) when the log ends
   * sooner.
   *
   * @throws AuditStorageException when a sealed event is missing from the command rows its batch names (the
   *     verifier reports such an event as removed): a reader must not skip it unnoticed
   */
  public List<SealedEvent> from(long from, int max) throws SQLException {
    return transactions.onConnection(connection -> {
      List<SealingQueue.Queued> entries = new ArrayList<>();
      Set<String> commandIds = new LinkedHashSet<>();
      long first = -1;
      // From the batch that holds index "from" to the last batch that starts before from + max: no more.
      try (PreparedStatement query = connection.prepareStatement("select first_index, command_ids, entries"
          + " from audit_log_batch where first_index >= coalesce((select max(first_index) from audit_log_batch"
          + " where first_index <= ?), 0) and first_index < ? order by first_index")) {
        query.setLong(1, from);
        query.setLong(2, from + max);
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next() && entries.size() < max) {
            long index = rows.getLong(1);
            boolean taken = false;
            for (SealingQueue.Queued entry : SealingQueue.decode(rows.getBytes(3))) {
              if (index >= from && entries.size() < max) {
                first = first < 0 ? index : first;
                entries.add(entry);
                taken = true;
              }
              index++;
            }
            if (taken) {
              for (Object commandId : (Object[]) rows.getArray(2).getArray()) {
                commandIds.add(String.valueOf(commandId));
              }
            }
          }
        }
      }
      if (entries.isEmpty()) {
        return List.<SealedEvent>of();
      }
      Map<String, String> texts = eventTexts(connection, commandIds);
      List<SealedEvent> events = new ArrayList<>(entries.size());
      long index = first;
      for (SealingQueue.Queued entry : entries) {
        String json = texts.get(entry.eventId());
        if (json == null) {
          throw new AuditStorageException("AUDIT-012 the sealed event " + entry.eventId() + " at log index " + index
              + " is missing from the command rows its log batch names");
        }
        events.add(new SealedEvent(index++, entry.eventId(), json));
      }
      return events;
    });
  }

  private static Map<String, String> eventTexts(Connection connection, Set<String> commandIds) throws SQLException {
    Map<String, String> texts = new HashMap<>();
    try (PreparedStatement query = connection.prepareStatement(
        "select events from audit_command where command_id = any (?)")) {
      query.setArray(1, connection.createArrayOf("varchar", commandIds.toArray()));
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          for (String json : CommandRow.lines(rows.getString(1))) {
            texts.put(EventLine.parse(json).eventId(), json);
          }
        }
      }
    }
    return texts;
  }

  /** A sealed event: its log index, its id and its canonical JSON as stored. */
  public record SealedEvent(long index, String eventId, String json) {}
}
