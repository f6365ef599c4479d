package org.auditrail.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.auditrail.event.AuditEvent;
import org.auditrail.event.EventJson;
import org.auditrail.event.EventType;
import org.auditrail.logformat.SealingQueue;
import org.auditrail.verify.Rfc6962;

/**
 * The stored events, {@code audit_event}: appended with their content blobs in the caller's transaction (the
 * engine's command, so that a command's trail commits or rolls back with its work) or in one of their own, and
 * queued for the sequencer with each event's leaf hash; engine transactions never wait on the log's head. Events
 * are read back as the exact JSON text that was stored.
 */
public final class EventStore {

  private static final String INSERT_EVENT = "insert into audit_event (event_id, trace_id, parent_event_id,"
      + " process_instance_id, business_key, entity_id, event_type, actor_type, actor_id, event_time, payload)"
      + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final int FETCH_SIZE = 1000;

  private final Transactions transactions;
  private final ContentStore contents;
  private final UnsealedQueue unsealed;

  EventStore(Transactions transactions, ContentStore contents, UnsealedQueue unsealed) {
    this.transactions = transactions;
    this.contents = contents;
    this.unsealed = unsealed;
  }

  /** Appends events and their blobs on a connection the caller owns, in one JDBC batch per table. */
  public void append(Connection connection, Collection<AuditEvent> events, Collection<ContentBlob> blobs)
      throws SQLException {
    contents.put(connection, blobs);
    if (!events.isEmpty()) {
      List<SealingQueue.Queued> queued = insertEvents(connection, events);
      unsealed.enqueue(connection, queued,
          events.stream().map(AuditEvent::timestamp).min(Instant::compareTo).orElseThrow());
    }
  }

  /** Appends events and their blobs in a transaction of their own, apart from the engine's. */
  public void appendDetached(Collection<AuditEvent> events, Collection<ContentBlob> blobs) throws SQLException {
    transactions.inTransaction(connection -> append(connection, events, blobs));
  }

  /** Inserts the event rows in one batch; answers what to queue for sealing: each event's id and leaf hash. */
  static List<SealingQueue.Queued> insertEvents(Connection connection, Collection<AuditEvent> events)
      throws SQLException {
    List<SealingQueue.Queued> queued = new ArrayList<>(events.size());
    try (PreparedStatement insert = connection.prepareStatement(INSERT_EVENT)) {
      for (AuditEvent event : events) {
        String payload = EventJson.canonical(event);
        insert.setString(1, event.eventId());
        insert.setString(2, event.traceId());
        insert.setString(3, event.parentEventId());
        insert.setString(4, event.context().processInstanceId());
        insert.setString(5, event.context().businessKey());
        insert.setString(6, StoredColumns.entityKey(event));
        insert.setString(7, event.eventType().wireName());
        insert.setString(8, event.actor().type().wireName());
        insert.setString(9, event.actor().id());
        insert.setObject(10, OffsetDateTime.ofInstant(event.timestamp(), ZoneOffset.UTC));
        insert.setString(11, payload);
        insert.addBatch();
        queued.add(new SealingQueue.Queued(event.eventId(),
            Rfc6962.leafHash(payload.getBytes(StandardCharsets.UTF_8))));
      }
      insert.executeBatch();
    }
    return queued;
  }

  /** Maps activity (or process) instance ids to the id of the event that recorded their start. */
  public Map<String, String> startEvents(Connection connection, Collection<String> scopeIds) throws SQLException {
    return AuditEventLookup.startEvents(connection, scopeIds);
  }

  /** Maps variable instance ids to the value their latest recorded creation or update wrote. */
  public Map<String, JsonNode> lastValues(Connection connection, Collection<String> variableInstanceIds)
      throws SQLException {
    return AuditEventLookup.lastValues(connection, variableInstanceIds);
  }

  /** The trace of a process instance (root or sub-process), or the id itself when it is a trace id of its own. */
  public Optional<String> traceOf(String id) throws SQLException {
    return transactions.onConnection(connection -> {
      for (String sql : new String[] {"select trace_id from audit_event where process_instance_id = ?",
          "select trace_id from audit_event where trace_id = ?"}) {
        try (PreparedStatement query = connection.prepareStatement(sql + " fetch first 1 rows only")) {
          query.setString(1, id);
          try (ResultSet rows = query.executeQuery()) {
            if (rows.next()) {
              return Optional.of(rows.getString(1));
            }
          }
        }
      }
      return Optional.empty();
    });
  }

  /** Every event of a trace, in the order recorded. */
  public List<EventText> trace(String traceId) throws SQLException {
    return texts("select event_id, payload from audit_event where trace_id = ? order by event_id", traceId);
  }

  /** How many events match. */
  public long count(EventCriteria criteria) throws SQLException {
    Where where = Where.of(criteria);
    return transactions.onConnection(connection -> {
      try (PreparedStatement count = where.count(connection)) {
        try (ResultSet rows = count.executeQuery()) {
          rows.next();
          return rows.getLong(1);
        }
      }
    });
  }

  /** A page of the matching events, as stored: {@code limit} of them after skipping {@code offset}. */
  public List<String> page(EventCriteria criteria, long offset, int limit) throws SQLException {
    Where where = Where.of(criteria);
    return transactions.onConnection(connection -> {
      List<String> events = new ArrayList<>();
      try (PreparedStatement query = where.payloads(connection, " offset " + offset + " rows fetch next " + limit + " rows only")) {
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            events.add(rows.getString(1));
          }
        }
      }
      return events;
    });
  }

  /** The matching events. */
  public List<JsonNode> find(EventCriteria criteria) throws SQLException {
    return transactions.onConnection(connection -> find(connection, criteria));
  }

  /** The matching events, read in the caller's transaction (such as the engine's command). */
  public List<JsonNode> find(Connection connection, EventCriteria criteria) throws SQLException {
    List<JsonNode> events = new ArrayList<>();
    read(connection, criteria, events::add);
    return events;
  }

  /** Hands the matching events to a reader one by one, without holding them all. */
  public void scan(EventCriteria criteria, Consumer<JsonNode> reader) throws SQLException {
    transactions.onConnection(connection -> {
      read(connection, criteria, reader);
      return null;
    });
  }

  private static void read(Connection connection, EventCriteria criteria, Consumer<JsonNode> reader)
      throws SQLException {
    try (PreparedStatement query = Where.of(criteria).payloads(connection, "")) {
      query.setFetchSize(FETCH_SIZE);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          reader.accept(json(rows.getString(1)));
        }
      }
    }
  }

  /**
   * The events whose JSON contains a text, such as a content hash or a personal-data token. A scan of every
   * payload: for the rare questions of retention and data subjects' rights, not for a case's trail.
   */
  public List<JsonNode> mentioning(String text) throws SQLException {
    return transactions.onConnection(connection -> {
      List<JsonNode> events = new ArrayList<>();
      try (PreparedStatement query = connection.prepareStatement("select payload from audit_event"
          + " where payload like ?")) {
        query.setString(1, "%" + text + "%");
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            events.add(json(rows.getString(1)));
          }
        }
      }
      return events;
    });
  }

  /** The process instances with an event whose JSON contains a text (a scan, see {@link #mentioning}). */
  public Set<String> processInstancesMentioning(String text) throws SQLException {
    return transactions.onConnection(connection -> {
      Set<String> instances = new TreeSet<>();
      try (PreparedStatement query = connection.prepareStatement("select distinct process_instance_id"
          + " from audit_event where process_instance_id is not null and payload like ?")) {
        query.setString(1, "%" + text + "%");
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            instances.add(rows.getString(1));
          }
        }
      }
      return instances;
    });
  }

  /** Every event of the traces that have an event whose JSON contains a text (a scan, see {@link #mentioning}). */
  public List<EventText> tracesMentioning(String text) throws SQLException {
    return texts("select event_id, payload from audit_event where trace_id in (select trace_id from audit_event"
        + " where payload like ?)", "%" + text + "%");
  }

  private List<EventText> texts(String sql, String parameter) throws SQLException {
    return transactions.onConnection(connection -> {
      List<EventText> events = new ArrayList<>();
      try (PreparedStatement query = connection.prepareStatement(sql)) {
        query.setString(1, parameter);
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            events.add(new EventText(rows.getString(1), rows.getString(2)));
          }
        }
      }
      return events;
    });
  }

  private static JsonNode json(String payload) throws SQLException {
    try {
      return EventJson.mapper().readTree(payload);
    } catch (JsonProcessingException e) {
      throw new SQLException("a stored event is not JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** An event as stored: its id and its canonical JSON. */
  public record EventText(String eventId, String json) {}

  /** The where clause and order of a criteria query, with the values it binds. */
  private record Where(String sql, List<Object> values, EventCriteria.Order order) {

    static Where of(EventCriteria criteria) {
      StringBuilder where = new StringBuilder(" where 1 = 1");
      List<Object> values = new ArrayList<>();
      if (!criteria.types().isEmpty()) {
        List<String> names = criteria.types().stream().map(EventType::wireName).sorted().toList();
        where.append(" and event_type in (").append(String.join(", ", names.stream().map(name -> "?").toList()))
            .append(")");
        values.addAll(names);
      }
      condition(where, values, "business_key = ?", criteria.businessKey());
      condition(where, values, "process_instance_id = ?", criteria.processInstanceId());
      condition(where, values, "entity_id = ?", criteria.entityId());
      condition(where, values, "actor_id = ?", criteria.actorId());
      condition(where, values, "event_time >= ?",
          criteria.from() == null ? null : OffsetDateTime.ofInstant(criteria.from(), ZoneOffset.UTC));
      condition(where, values, "event_time < ?",
          criteria.to() == null ? null : OffsetDateTime.ofInstant(criteria.to(), ZoneOffset.UTC));
      return new Where(where.toString(), values,
          criteria.order() == null ? EventCriteria.Order.RECORDED : criteria.order());
    }

    private static void condition(StringBuilder where, List<Object> values, String clause, Object value) {
      if (value != null) {
        where.append(" and ").append(clause);
        values.add(value);
      }
    }

    PreparedStatement count(Connection connection) throws SQLException {
      return bind(connection.prepareStatement("select count(*) from audit_event" + sql));
    }

    /** The payloads in order, followed by {@code suffix} (such as an offset and fetch clause). */
    PreparedStatement payloads(Connection connection, String suffix) throws SQLException {
      return bind(connection.prepareStatement("select payload from audit_event" + sql + " order by " + order.sql
          + suffix));
    }

    private PreparedStatement bind(PreparedStatement statement) throws SQLException {
      for (int i = 0; i < values.size(); i++) {
        statement.setObject(i + 1, values.get(i));
      }
      return statement;
    }
  }
}
