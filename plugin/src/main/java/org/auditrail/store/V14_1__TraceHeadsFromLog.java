package org.auditrail.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.auditrail.logformat.SealingQueue;
import org.auditrail.verify.MerkleFrontier;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Builds each case's Merkle tree ({@code audit_trace_head}, V14) from the log sealed before version 14, one log batch
 * at a time, and marks every trace's summary as due, so that the sequencer seals a {@code trace_sealed} summary for
 * every case, old ones included. An event whose command row is gone is left out: the verifier reports it anyway.
 */
final class V14_1__TraceHeadsFromLog extends BaseJavaMigration {

  @Override
  public void migrate(Context context) throws SQLException {
    Connection connection = context.getConnection();
    Map<String, TraceTree> traces = new TreeMap<>();
    try (PreparedStatement batches = connection.prepareStatement(
        "select first_index, command_ids, entries from audit_log_batch order by first_index");
        ResultSet rows = batches.executeQuery()) {
      while (rows.next()) {
        long index = rows.getLong(1);
        Map<String, String> eventTraces = eventTraces(connection, (Object[]) rows.getArray(2).getArray());
        for (SealingQueue.Queued event : SealingQueue.decode(rows.getBytes(3))) {
          String traceId = eventTraces.get(event.eventId());
          if (traceId != null) {
            TraceTree tree = traces.computeIfAbsent(traceId, id -> new TraceTree());
            tree.frontier.append(event.leafHash());
            tree.lastEventId = event.eventId();
            tree.lastLogIndex = index;
          }
          index++;
        }
      }
    }
    try (PreparedStatement insert = connection.prepareStatement("insert into audit_trace_head (trace_id,"
        + " event_count, frontier, last_event_id, last_log_index, summary_due, updated_at)"
        + " values (?, ?, ?, ?, ?, true, ?)")) {
      OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
      for (Map.Entry<String, TraceTree> trace : traces.entrySet()) {
        insert.setString(1, trace.getKey());
        insert.setLong(2, trace.getValue().frontier.size());
        insert.setBytes(3, trace.getValue().frontier.toBytes());
        insert.setString(4, trace.getValue().lastEventId);
        insert.setLong(5, trace.getValue().lastLogIndex);
        insert.setObject(6, now);
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  /** The trace of each event of a batch's command rows; trace summaries are no part of any trace's tree. */
  private static Map<String, String> eventTraces(Connection connection, Object[] commandIds) throws SQLException {
    Map<String, String> traces = new HashMap<>();
    try (PreparedStatement query = connection.prepareStatement(
        "select events from audit_command where command_id = any (?)")) {
      query.setArray(1, connection.createArrayOf("varchar", commandIds));
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          for (String json : CommandRow.lines(rows.getString(1))) {
            EventLine line;
            try {
              line = EventLine.parse(json);
            } catch (RuntimeException e) {
              continue; // an edited line: the verifier reports it, and the upgrade goes on
            }
            if (line.traceId() != null && !line.isTraceSummary()) {
              traces.put(line.eventId(), line.traceId());
            }
          }
        }
      }
    }
    return traces;
  }

  private static final class TraceTree {
    final MerkleFrontier frontier = new MerkleFrontier();
    String lastEventId;
    long lastLogIndex;
  }
}
