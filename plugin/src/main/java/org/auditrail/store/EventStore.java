package org.auditrail.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.auditrail.event.AuditEvent;
import org.auditrail.event.EventType;
import org.auditrail.logformat.SealingQueue;

/**
 * The stored events: one {@code audit_command} row per write, appended with its content blobs in the caller's
 * transaction (the engine's command, so that a command's trail commits or rolls back with its work) or in one of
 * its own, and queued for the sequencer with each event's leaf hash; engine transactions never wait on the log's
 * head. Reads find the command rows by an index (trace, business key, process instance, time range) and pick the
 * events out of them; events are handed back as the exact JSON text that was stored.
 */
public final class EventStore {

  private static final String INSERT_COMMAND = "insert into audit_command (command_id, event_count, first_event_time,"
      + " last_event_time, trace_ids, business_keys, process_instance_ids, events) values (?, ?, ?, ?, ?, ?, ?, ?)";
  private static final int FETCH_SIZE = 200;

  private final SqlDialect dialect;
  private final Transactions transactions;
  private final Transactions detached;
  private final ContentStore contents;
  private final UnsealedQueue unsealed;

  EventStore(SqlDialect dialect, Transactions transactions, Transactions detached, ContentStore contents,
      UnsealedQueue unsealed) {
    this.dialect = dialect;
    this.transactions = transactions;
    this.detached = detached;
    this.contents = contents;
    this.unsealed = unsealed;
  }

  /** Appends events, as one command row, and their blobs on a connection the caller owns. */
  public void append(Connection connection, Collection<AuditEvent> events, Collection<ContentBlob> blobs)
      throws SQLException {
    contents.put(connection, blobs);
    if (!events.isEmpty()) {
      CommandRow row = CommandRow.of(events);
      insert(connection, row);
      unsealed.enqueue(connection, row.commandId(), row.sealed(), row.firstEventTime());
    }
  }

  /**
   * Appends events that the sequencer seals in the round that writes them, as one command row that is not queued:
   * answers the row's id and its events' ids and leaf hashes, in order.
   */
  public SealedRow appendSealing(Connection connection, List<AuditEvent> events) throws SQLException {
    CommandRow row = CommandRow.of(events);
    insert(connection, row);
    return new SealedRow(row.commandId(), row.sealed());
  }

  /** A command row the sequencer wrote: its id and its events' ids and leaf hashes, in order. */
  public record SealedRow(String commandId, List<SealingQueue.Queued> sealed) {}

  /**
   * Appends events and their blobs in a transaction of their own, apart from the engine's, on a connection of the
   * detached writes' pool.
   */
  public void appendDetached(Collection<AuditEvent> events, Collection<ContentBlob> blobs) throws SQLException {
    detached.inTransaction(connection -> append(connection, events, blobs));
  }

  private static void insert(Connection connection, CommandRow row) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(INSERT_COMMAND)) {
      insert.setString(1, row.commandId());
      insert.setInt(2, row.sealed().size());
      insert.setObject(3, utc(row.firstEventTime()));
      insert.setObject(4, utc(row.lastEventTime()));
      insert.setArray(5, varchars(connection, row.traceIds()));
      insert.setArray(6, varchars(connection, row.businessKeys()));
      insert.setArray(7, varchars(connection, row.processInstanceIds()));
      insert.setString(8, row.events());
      insert.executeUpdate();
    }
  }

  private static Array varchars(Connection connection, Collection<String> values) throws SQLException {
    return connection.createArrayOf("varchar", values.toArray());
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  /**
   * Maps activity (or process) instance ids to the id of the event that recorded their start, looking in the trace
   * each one belongs to.
   *
   * @param scopeTraces each scope id, with the trace id of its case
   */
  public Map<String, String> startEvents(Connection connection, Map<String, String> scopeTraces)
      throws SQLException {
    return AuditEventLookup.startEvents(this, connection, scopeTraces);
  }

  /**
   * Maps variable instance ids to the value their latest recorded creation or update wrote.
   *
   * @param variableTraces each variable instance id, with the trace id of its case
   */
  public Map<String, JsonNode> lastValues(Connection connection, Map<String, String> variableTraces)
      throws SQLException {
    return AuditEventLookup.lastValues(this, connection, variableTraces);
  }

  /** The trace of a process instance (root or sub-process), or the id itself when it is a trace id of its own. */
  public Optional<String> traceOf(String id) throws SQLException {
    return transactions.onConnection(connection -> {
      List<EventLine> found = new ArrayList<>();
      readLines(connection, new Rows().contains("process_instance_ids", id).first(), line -> {
        if (found.isEmpty() && id.equals(line.processInstanceId())) {
          found.add(line);
        }
      });
      if (!found.isEmpty()) {
        return Optional.of(found.get(0).traceId());
      }
      readLines(connection, new Rows().contains("trace_ids", id).first(), line -> {
        if (found.isEmpty() && id.equals(line.traceId())) {
          found.add(line);
        }
      });
      return found.isEmpty() ? Optional.<String>empty() : Optional.of(id);
    });
  }

  /** Every event of a trace, in the order recorded. */
  public List<EventText> trace(String traceId) throws SQLException {
    return transactions.onConnection(connection -> trace(connection, traceId)).stream()
        .map(line -> new EventText(line.eventId(), line.json())).toList();
  }

  /** Every event of a trace, in the order recorded, read on the caller's connection; see {@link #traceSummaries}. */
  List<EventLine> trace(Connection connection, String traceId) throws SQLException {
    return traceLines(connection, traceId, false);
  }

  /**
   * The {@code trace_sealed} summaries the log sealed of a trace, in the order recorded: the log's bookkeeping, which
   * the trace's events leave out.
   */
  public List<EventText> traceSummaries(String traceId) throws SQLException {
    return transactions.onConnection(connection -> traceLines(connection, traceId, true)).stream()
        .map(line -> new EventText(line.eventId(), line.json())).toList();
  }

  private List<EventLine> traceLines(Connection connection, String traceId, boolean summaries)
      throws SQLException {
    List<EventLine> lines = new ArrayList<>();
    readLines(connection, new Rows().contains("trace_ids", traceId), line -> {
      if (traceId.equals(line.traceId()) && line.isTraceSummary() == summaries) {
        lines.add(line);
      }
    });
    lines.sort(EventLine.RECORDED);
    return lines;
  }

  /**
   * A page of the matching events, as stored: {@code limit} of them after skipping {@code offset}, with how many
   * match in all; one pass over the command rows that can hold them, holding no more than {@code offset + limit}
   * events while it reads.
   */
  public Page page(EventCriteria criteria, long offset, int limit) throws SQLException {
    Comparator<EventLine> order = EventLine.order(criteria.order());
    long keep = offset + limit;
    long[] total = new long[1];
    PriorityQueue<EventLine> first = new PriorityQueue<>(order.reversed());
    transactions.onConnection(connection -> {
      readMatching(connection, criteria, line -> {
        total[0]++;
        first.add(line);
        if (first.size() > keep) {
          first.poll();
        }
      });
      return null;
    });
    return new Page(total[0], first.stream().sorted(order).skip(offset).map(EventLine::json).toList());
  }

  /**
   * A page of the cases that match a search, most recently active first: {@code limit} of them after skipping
   * {@code offset}, with how many match in all (see {@link CaseSearch}).
   */
  public CasePage cases(CaseCriteria criteria, long offset, int limit) throws SQLException {
    CaseSearch.Page page = transactions.onConnection(connection ->
        new CaseSearch(criteria).run(this, connection, offset, limit));
    return new CasePage(page.total(), page.cases());
  }

  /** One page of cases, and how many cases matched in all. */
  public record CasePage(long total, List<CaseSummary> cases) {}

  /** One page of events as stored, and how many events matched in all. */
  public record Page(long total, List<String> events) {}

  /** The matching events, in the criteria's order. */
  public List<JsonNode> find(EventCriteria criteria) throws SQLException {
    return transactions.onConnection(connection -> find(connection, criteria));
  }

  /** The matching events, read in the caller's transaction (such as the engine's command). */
  public List<JsonNode> find(Connection connection, EventCriteria criteria) throws SQLException {
    List<EventLine> lines = new ArrayList<>();
    readMatching(connection, criteria, lines::add);
    return lines.stream().sorted(EventLine.order(criteria.order())).map(EventLine::event).toList();
  }

  /**
   * Hands the matching events to a reader one by one, in the criteria's order. In time order it holds only the
   * events of the commands that overlap in time; in any other order it holds all the matching events.
   */
  public void scan(EventCriteria criteria, Consumer<JsonNode> reader) throws SQLException {
    if (criteria.order() != EventCriteria.Order.BY_TIME) {
      find(criteria).forEach(reader);
      return;
    }
    transactions.onConnection(connection -> {
      TimeOrderedMerge merge = new TimeOrderedMerge(reader);
      readRows(connection, rowsOf(criteria), (firstEventTime, events) -> {
        merge.releaseBefore(firstEventTime);
        for (String json : CommandRow.lines(events)) {
          EventLine line = EventLine.parse(json);
          if (line.matches(criteria)) {
            merge.add(line);
          }
        }
      });
      merge.releaseAll();
      return null;
    });
  }

  /**
   * Command rows are read in order of their first event's time, so no later row holds an event earlier than that
   * time: every event before it can be handed on in order.
   */
  private static final class TimeOrderedMerge {
    private final PriorityQueue<EventLine> waiting = new PriorityQueue<>(EventLine.BY_TIME);
    private final Consumer<JsonNode> reader;

    TimeOrderedMerge(Consumer<JsonNode> reader) {
      this.reader = reader;
    }

    void add(EventLine line) {
      waiting.add(line);
    }

    void releaseBefore(Instant time) {
      while (!waiting.isEmpty() && waiting.peek().time().isBefore(time)) {
        reader.accept(waiting.poll().event());
      }
    }

    void releaseAll() {
      while (!waiting.isEmpty()) {
        reader.accept(waiting.poll().event());
      }
    }
  }

  /**
   * The events whose JSON contains a text, such as a content hash or a personal-data token. A scan of every
   * command row: for the rare questions of retention and data subjects' rights, not for a case's trail.
   */
  public List<JsonNode> mentioning(String text) throws SQLException {
    return transactions.onConnection(connection -> {
      List<JsonNode> events = new ArrayList<>();
      readMentioning(connection, text, line -> events.add(line.event()));
      return events;
    });
  }

  /**
   * The {@code payload_expired} events that name a content hash, exactly as stored: what justifies the hash's
   * removal (a scan, see {@link #mentioning}).
   */
  public List<EventText> expiriesOf(String sha256) throws SQLException {
    return transactions.onConnection(connection -> {
      List<EventText> events = new ArrayList<>();
      readMentioning(connection, sha256, line -> {
        if (EventType.PAYLOAD_EXPIRED.wireName().equals(line.eventType())) {
          events.add(new EventText(line.eventId(), line.json()));
        }
      });
      return events;
    });
  }

  /** The process instances with an event whose JSON contains a text (a scan, see {@link #mentioning}). */
  public Set<String> processInstancesMentioning(String text) throws SQLException {
    return transactions.onConnection(connection -> {
      Set<String> instances = new TreeSet<>();
      readMentioning(connection, text, line -> {
        if (line.processInstanceId() != null) {
          instances.add(line.processInstanceId());
        }
      });
      return instances;
    });
  }

  /** Every event of the traces that have an event whose JSON contains a text (a scan, see {@link #mentioning}). */
  public List<EventText> tracesMentioning(String text) throws SQLException {
    return transactions.onConnection(connection -> {
      Set<String> traces = new TreeSet<>();
      readMentioning(connection, text, line -> traces.add(line.traceId()));
      List<EventText> events = new ArrayList<>();
      for (String traceId : traces) {
        trace(connection, traceId).forEach(line -> events.add(new EventText(line.eventId(), line.json())));
      }
      return events;
    });
  }

  private void readMentioning(Connection connection, String text, Consumer<EventLine> reader) throws SQLException {
    readRows(connection, new Rows().where("events like ?", "%" + text + "%"), (firstEventTime, events) -> {
      for (String json : CommandRow.lines(events)) {
        if (json.contains(text)) {
          reader.accept(EventLine.parse(json));
        }
      }
    });
  }

  private void readMatching(Connection connection, EventCriteria criteria, Consumer<EventLine> reader)
      throws SQLException {
    readLines(connection, rowsOf(criteria), line -> {
      if (line.matches(criteria)) {
        reader.accept(line);
      }
    });
  }

  /** The command rows that can hold events matching the criteria: narrowed by index, filtered by the caller. */
  Rows rowsOf(EventCriteria criteria) {
    Rows rows = new Rows();
    if (criteria.businessKey() != null) {
      rows.contains("business_keys", criteria.businessKey());
    }
    if (criteria.processInstanceId() != null) {
      rows.contains("process_instance_ids", criteria.processInstanceId());
    }
    if (criteria.to() != null) {
      rows.where("first_event_time < ?", utc(criteria.to()));
    }
    if (criteria.from() != null) {
      rows.where("last_event_time >= ?", utc(criteria.from()));
    }
    return rows;
  }

  void readLines(Connection connection, Rows rows, Consumer<EventLine> reader) throws SQLException {
    readRows(connection, rows, (firstEventTime, events) -> {
      for (String json : CommandRow.lines(events)) {
        reader.accept(EventLine.parse(json));
      }
    });
  }

  private void readRows(Connection connection, Rows rows, RowReader reader) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement("select first_event_time, events from audit_command"
        + rows.where() + " order by first_event_time, command_id" + rows.limit())) {
      for (int i = 0; i < rows.values.size(); i++) {
        query.setObject(i + 1, rows.values.get(i));
      }
      query.setFetchSize(FETCH_SIZE);
      try (ResultSet found = query.executeQuery()) {
        while (found.next()) {
          reader.read(found.getObject(1, OffsetDateTime.class).toInstant(), found.getString(2));
        }
      }
    }
  }

  @FunctionalInterface
  private interface RowReader {
    void read(Instant firstEventTime, String events);
  }

  /** Conditions on command rows, with the values they bind. */
  final class Rows {
    private final List<String> conditions = new ArrayList<>();
    private final List<Object> values = new ArrayList<>();
    private boolean first;

    Rows contains(String arrayColumn, String value) {
      return where(dialect.arrayContains(arrayColumn), value);
    }

    Rows where(String condition, Object value) {
      conditions.add(condition);
      values.add(value);
      return this;
    }

    /** Only the first row that matches. */
    Rows first() {
      first = true;
      return this;
    }

    String where() {
      return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    String limit() {
      return first ? " fetch first 1 rows only" : "";
    }
  }

  /** An event as stored: its id and its canonical JSON. */
  public record EventText(String eventId, String json) {}
}
