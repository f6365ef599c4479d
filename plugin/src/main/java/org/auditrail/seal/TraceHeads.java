package org.auditrail.seal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.auditrail.event.Actor;
import org.auditrail.event.AuditEvent;
import org.auditrail.event.EventContext;
import org.auditrail.event.EventIds;
import org.auditrail.event.EventJson;
import org.auditrail.event.EventType;
import org.auditrail.event.Outcome;
import org.auditrail.verify.MerkleFrontier;

/**
 * Each case's own Merkle tree, {@code audit_trace_head}: per trace, the frontier of an RFC 6962 tree whose leaves
 * are the log leaves of the trace's events in log order. A sealing round moves on the trees of the traces it seals
 * and seals, after its events, one {@code trace_sealed} summary per trace it touched, with the tree's size and
 * root, so that a case bundle can prove that it holds every event of its case (see the log format docs).
 */
final class TraceHeads {

  static final Actor SEQUENCER = Actor.system("audit-log-sequencer", null);

  /** Traces sealed before summaries existed get theirs a few at a time, beside the round's own. */
  private static final int DUE_PER_ROUND = 500;
  private static final String SELECT = "select trace_id, event_count, frontier, last_event_id, last_log_index"
      + " from audit_trace_head";

  private final Map<String, TraceHead> heads = new TreeMap<>();
  private final Set<String> stored = new HashSet<>();

  private TraceHeads() {}

  /** The heads of the round's traces as stored, and those of older traces still waiting for their summary. */
  static TraceHeads read(Connection connection, Collection<String> traceIds) throws SQLException {
    TraceHeads round = new TraceHeads();
    if (!traceIds.isEmpty()) {
      try (PreparedStatement query = connection.prepareStatement(SELECT + " where trace_id = any (?)")) {
        query.setArray(1, connection.createArrayOf("varchar", traceIds.toArray()));
        round.readRows(query);
      }
    }
    try (PreparedStatement query = connection.prepareStatement(SELECT + " where summary_due = true"
        + " order by trace_id fetch first " + DUE_PER_ROUND + " rows only")) {
      round.readRows(query);
    }
    return round;
  }

  private void readRows(PreparedStatement query) throws SQLException {
    try (ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        String traceId = rows.getString(1);
        if (!heads.containsKey(traceId)) {
          heads.put(traceId, new TraceHead(traceId, MerkleFrontier.fromBytes(rows.getBytes(3)),
              rows.getString(4), rows.getLong(5)));
          stored.add(traceId);
        }
      }
    }
  }

  /** Adds an event of a trace, sealed at a log index, to its trace's tree. */
  void append(String traceId, String eventId, byte[] leafHash, long logIndex) {
    TraceHead head = heads.computeIfAbsent(traceId, id -> new TraceHead(id, new MerkleFrontier(), null, -1));
    head.frontier.append(leafHash);
    head.lastEventId = eventId;
    head.lastLogIndex = logIndex;
  }

  boolean isEmpty() {
    return heads.isEmpty();
  }

  /** One summary per trace of the round, in the order of the trace ids. */
  List<AuditEvent> summaries(Instant now) {
    Instant at = Instant.ofEpochMilli(now.toEpochMilli());
    List<AuditEvent> summaries = new ArrayList<>(heads.size());
    for (TraceHead head : heads.values()) {
      ObjectNode output = EventJson.mapper().createObjectNode()
          .put("trace_event_count", head.frontier.size())
          .put("trace_root", HexFormat.of().formatHex(head.frontier.root()))
          .put("last_event_id", head.lastEventId)
          .put("last_log_index", head.lastLogIndex);
      summaries.add(new AuditEvent(EventIds.next(), head.traceId, null, at, SEQUENCER, EventType.TRACE_SEALED,
          EventContext.builder().build(), null, null, output, null, Outcome.SUCCESS, null));
    }
    return summaries;
  }

  /** Stores the round's trees, their summaries sealed. */
  void save(Connection connection, Instant now) throws SQLException {
    OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
    try (PreparedStatement update = connection.prepareStatement("update audit_trace_head set event_count = ?,"
        + " frontier = ?, last_event_id = ?, last_log_index = ?, summary_due = false, updated_at = ?"
        + " where trace_id = ?");
        PreparedStatement insert = connection.prepareStatement("insert into audit_trace_head (event_count,"
            + " frontier, last_event_id, last_log_index, summary_due, updated_at, trace_id)"
            + " values (?, ?, ?, ?, false, ?, ?)")) {
      for (TraceHead head : heads.values()) {
        PreparedStatement statement = stored.contains(head.traceId) ? update : insert;
        statement.setLong(1, head.frontier.size());
        statement.setBytes(2, head.frontier.toBytes());
        statement.setString(3, head.lastEventId);
        statement.setLong(4, head.lastLogIndex);
        statement.setObject(5, at);
        statement.setString(6, head.traceId);
        statement.addBatch();
      }
      update.executeBatch();
      insert.executeBatch();
    }
  }

  private static final class TraceHead {
    final String traceId;
    final MerkleFrontier frontier;
    String lastEventId;
    long lastLogIndex;

    TraceHead(String traceId, MerkleFrontier frontier, String lastEventId, long lastLogIndex) {
      this.traceId = traceId;
      this.frontier = frontier;
      this.lastEventId = lastEventId;
      this.lastLogIndex = lastLogIndex;
    }
  }
}
