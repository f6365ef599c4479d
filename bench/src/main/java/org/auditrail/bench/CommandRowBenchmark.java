package org.auditrail.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.auditrail.capture.AuditPlugin;
import org.auditrail.event.EventJson;
import org.auditrail.logformat.SealingQueue;
import org.auditrail.store.AuditStore;
import org.auditrail.verify.Rfc6962;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;

/**
 * A measurement for issue 13's storage design, not the design itself: the events of real reference-process
 * instances, captured from an audited engine's {@code audit_event} and regrouped by the engine transaction that
 * wrote them ({@code xmin}), stored side by side as today (one row per event with its seven query indexes) and as
 * one compressed row per command ({@code audit_command}), and compared on insert throughput, size, a case's trail
 * by trace id, a streaming read with leaf recomputation, and a view that yields today's columns.
 */
final class CommandRowBenchmark {

  private static final int THREADS = 4;
  private static final int LOOKUPS = 200;
  private static final String EVENT_COLUMNS = "event_id, trace_id, parent_event_id, process_instance_id,"
      + " business_key, entity_id, event_type, actor_type, actor_id, event_time, payload";
  /** Today's columns, derived from each line of a command row by the rules of {@code EventColumns}. */
  private static final String VIEW_SELECT = "select e.j ->> 'event_id' as event_id, e.j ->> 'trace_id' as trace_id,"
      + " e.j ->> 'parent_event_id' as parent_event_id,"
      + " e.j -> 'context' ->> 'process_instance_id' as process_instance_id,"
      + " e.j -> 'context' ->> 'business_key' as business_key,"
      + " case when e.j ->> 'event_type' in ('variable_created', 'variable_updated', 'variable_deleted')"
      + " then e.j -> 'context' ->> 'variable_instance_id' else e.j -> 'context' ->> 'activity_instance_id' end"
      + " as entity_id, e.j ->> 'event_type' as event_type, e.j -> 'actor' ->> 'type' as actor_type,"
      + " e.j -> 'actor' ->> 'id' as actor_id, (e.j ->> 'timestamp')::timestamptz as event_time,"
      + " e.line as payload, c.id as command_id, e.n as position"
      + " from audit_command c cross join lateral (select line, n, line::jsonb as j"
      + " from unnest(string_to_array(c.events, E'\\n')) with ordinality as u(line, n)) e";

  private CommandRowBenchmark() {}

  static ObjectNode run(DataSource dataSource, int instances) throws Exception {
    ObjectNode figures = EventJson.mapper().createObjectNode();
    figures.put("postgresql", single(dataSource, "select version()"));
    figures.put("instances", instances);
    List<Command> commands = capture(dataSource, instances);
    long events = commands.stream().mapToLong(command -> command.events().size()).sum();
    figures.put("events", events);
    figures.put("commands", commands.size());
    figures.put("events_per_command", Math.round(events * 10.0 / commands.size()) / 10.0);
    figures.put("events_per_command_max", commands.stream().mapToInt(c -> c.events().size()).max().orElse(0));
    figures.put("canonical_bytes_per_event", commands.stream().flatMap(c -> c.events().stream())
        .mapToLong(e -> e.payload().getBytes(StandardCharsets.UTF_8).length).sum() / events);
    figures.put("toast_compression", createTables(dataSource));

    ObjectNode perEvent = figures.putObject("per_event_rows");
    ObjectNode perCommand = figures.putObject("command_rows");
    perEvent.put("insert_events_per_s", Math.round(events / insert(dataSource, commands, false)));
    perCommand.put("insert_events_per_s", Math.round(events / insert(dataSource, commands, true)));
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("vacuum analyze bench_event");
      statement.execute("vacuum analyze audit_command");
    }
    sizes(dataSource, "bench_event", events, instances, perEvent);
    sizes(dataSource, "audit_command", events, instances, perCommand);
    perCommand.put("rows_compressed", Long.parseLong(single(dataSource,
        "select count(*) from audit_command where pg_column_compression(events) is not null")));
    perCommand.put("events_stored_bytes_per_event", Long.parseLong(single(dataSource,
        "select sum(pg_column_size(events)) from audit_command")) / events);

    List<String> traces = sampleTraces(commands);
    perEvent.put("trace_read_median_ms", traceReads(dataSource, traces, false));
    perCommand.put("trace_read_median_ms", traceReads(dataSource, traces, true));
    perEvent.put("stream_verify_events_per_s", streamVerify(dataSource, commands, false, events));
    perCommand.put("stream_verify_events_per_s", streamVerify(dataSource, commands, true, events));
    figures.set("view", view(dataSource, traces));
    return figures;
  }

  /**
   * Runs the reference process on an audited engine without a sequencer, so that the sealing queue keeps every
   * write in order; answers the events grouped by the transaction that wrote them, each with its queued leaf.
   */
  private static List<Command> capture(DataSource dataSource, int instances) throws Exception {
    ProcessEngineConfigurationImpl configuration = new StandaloneProcessEngineConfiguration();
    configuration.setProcessEngineName("commandrow");
    configuration.setDataSource(dataSource);
    configuration.setDatabaseSchemaUpdate("true");
    configuration.setHistory("full");
    configuration.setJobExecutorActivate(false);
    configuration.setEnforceHistoryTimeToLive(false);
    configuration.setMetricsEnabled(false);
    AuditStore store = AuditStore.open(dataSource);
    configuration.getProcessEnginePlugins().add(new AuditPlugin().useStore(() -> store));
    ProcessEngine engine = configuration.buildProcessEngine();
    try {
      engine.getRepositoryService().createDeployment().addModelInstance("reference.bpmn", ReferenceProcess.model())
          .deploy();
      AtomicInteger next = new AtomicInteger();
      inParallel(() -> {
        for (int i = next.getAndIncrement(); i < instances; i = next.getAndIncrement()) {
          // Unlike the process benchmark, each case has a business key, as real cases do.
          String id = engine.getRuntimeService().startProcessInstanceByKey(ReferenceProcess.KEY, "CASE-" + i,
              Map.of("amount", (i % 2 == 0) ? 500 : 5000, "customer", "customer-" + i)).getId();
          String task = engine.getTaskService().createTaskQuery().processInstanceId(id).singleResult().getId();
          engine.getTaskService().complete(task, Map.of("approved", true));
        }
      });
    } finally {
      engine.close();
    }
    Map<String, StoredEvent> byId = new HashMap<>();
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("select xmin::text, " + EVENT_COLUMNS + " from audit_event")) {
      while (rows.next()) {
        StoredEvent event = new StoredEvent(rows.getString(2), rows.getString(3), rows.getString(4),
            rows.getString(5), rows.getString(6), rows.getString(7), rows.getString(8), rows.getString(9),
            rows.getString(10), rows.getObject(11, OffsetDateTime.class), rows.getString(12), rows.getString(1));
        byId.put(event.eventId(), event);
      }
    }
    Map<String, List<StoredEvent>> byTransaction = new LinkedHashMap<>();
    Map<String, List<byte[]>> leaves = new HashMap<>();
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("select entries from audit_unsealed order by batch_id")) {
      while (rows.next()) {
        for (SealingQueue.Queued queued : SealingQueue.decode(rows.getBytes(1))) {
          StoredEvent event = byId.remove(queued.eventId());
          if (!Arrays.equals(queued.leafHash(), Rfc6962.leafHash(event.payload().getBytes(StandardCharsets.UTF_8)))) {
            throw new IllegalStateException("the queued leaf of event " + event.eventId() + " is not its leaf hash");
          }
          byTransaction.computeIfAbsent(event.transaction(), t -> new ArrayList<>()).add(event);
          leaves.computeIfAbsent(event.transaction(), t -> new ArrayList<>()).add(queued.leafHash());
        }
      }
    }
    if (!byId.isEmpty()) {
      throw new IllegalStateException(byId.size() + " stored events are not in the sealing queue");
    }
    List<Command> commands = new ArrayList<>();
    byTransaction.forEach((transaction, events) -> commands.add(new Command(events, leaves.get(transaction))));
    return commands;
  }

  /** Creates both layouts; answers the TOAST compression of the command rows' events. */
  private static String createTables(DataSource dataSource) throws SQLException {
    String compression = lz4Missing(dataSource);
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      // A copy of audit_event with its primary key and seven query indexes (the append-only triggers only fire
      // on update, delete and truncate, so they cost an insert nothing).
      statement.execute("create table bench_event (like audit_event including all)");
      statement.execute("create table audit_command (id bigserial primary key, created_at timestamptz not null,"
          + " trace_ids text[] not null, business_keys text[] not null, event_count int not null,"
          + " events text" + (compression == null ? " compression lz4" : "") + " not null,"
          + " leaf_hashes bytea not null)");
      statement.execute("create index audit_command_trace_idx on audit_command using gin (trace_ids)");
      statement.execute("create index audit_command_business_key_idx on audit_command using gin (business_keys)");
      statement.execute("create index audit_command_time_idx on audit_command using brin (created_at)");
      statement.execute("create view audit_event_v as " + VIEW_SELECT);
    }
    return compression == null ? "lz4" : "pglz (lz4 not available: " + compression + ")";
  }

  /**
   * Null when the server can compress with lz4, else why not: a server built without lz4 leaves it out of the
   * values {@code default_toast_compression} accepts (PostgreSQL 14 on), so no failing statement is needed.
   */
  private static String lz4Missing(DataSource dataSource) throws SQLException {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("select 'lz4' = any (enumvals) from pg_settings"
            + " where name = 'default_toast_compression'")) {
      if (!rows.next()) {
        return "the server is older than PostgreSQL 14";
      }
      return rows.getBoolean(1) ? null : "the server was built without lz4";
    }
  }

  /** Inserts every command from four threads, one transaction each; answers the seconds taken. */
  private static double insert(DataSource dataSource, List<Command> commands, boolean asCommandRows)
      throws Exception {
    AtomicInteger next = new AtomicInteger();
    long started = System.nanoTime();
    inParallel(() -> {
      try (Connection connection = dataSource.getConnection()) {
        connection.setAutoCommit(false);
        PreparedStatement insert = connection.prepareStatement(asCommandRows
            ? "insert into audit_command (created_at, trace_ids, business_keys, event_count, events, leaf_hashes)"
                + " values (?, ?, ?, ?, ?, ?)"
            : "insert into bench_event (" + EVENT_COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        for (int i = next.getAndIncrement(); i < commands.size(); i = next.getAndIncrement()) {
          Command command = commands.get(i);
          if (asCommandRows) {
            insert.setObject(1, command.events().get(0).eventTime());
            insert.setArray(2, connection.createArrayOf("text", command.traceIds()));
            insert.setArray(3, connection.createArrayOf("text", command.businessKeys()));
            insert.setInt(4, command.events().size());
            insert.setString(5, command.lines());
            insert.setBytes(6, command.leafHashes());
            insert.executeUpdate();
          } else {
            for (StoredEvent event : command.events()) {
              event.bind(insert);
              insert.addBatch();
            }
            insert.executeBatch();
          }
          connection.commit();
        }
        insert.close();
      }
    });
    return (System.nanoTime() - started) / 1e9;
  }

  private static void sizes(DataSource dataSource, String table, long events, int instances, ObjectNode into)
      throws SQLException {
    long total = Long.parseLong(single(dataSource, "select pg_total_relation_size('" + table + "')"));
    into.put("total_bytes", total);
    into.put("index_bytes", Long.parseLong(single(dataSource, "select pg_indexes_size('" + table + "')")));
    into.put("bytes_per_event", total / events);
    into.put("bytes_per_instance", total / instances);
  }

  /** 200 traces of captured cases, chosen with a fixed seed. */
  private static List<String> sampleTraces(List<Command> commands) {
    List<String> traces = new ArrayList<>(commands.stream().flatMap(c -> Arrays.stream(c.traceIds())).distinct()
        .toList());
    Collections.shuffle(traces, new Random(13));
    return traces.subList(0, Math.min(LOOKUPS, traces.size()));
  }

  /**
   * Reads each trace's events (id and JSON, in event id order) as the store would; the command rows through their
   * trace index, split in the application. Both layouts must answer the same events. Answers the median ms.
   */
  private static double traceReads(DataSource dataSource, List<String> traces, boolean fromCommandRows)
      throws SQLException {
    List<Long> nanos = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement perEvent = connection.prepareStatement(
            "select event_id, payload from bench_event where trace_id = ? order by event_id");
        PreparedStatement perCommand = connection.prepareStatement(
            "select events, trace_ids from audit_command where trace_ids @> array[?]::text[] order by id")) {
      for (String trace : traces) {
        long started = System.nanoTime();
        List<String> payloads = new ArrayList<>();
        if (fromCommandRows) {
          perCommand.setString(1, trace);
          try (ResultSet rows = perCommand.executeQuery()) {
            while (rows.next()) {
              boolean onlyThisTrace = ((String[]) rows.getArray(2).getArray()).length == 1;
              for (String line : rows.getString(1).split("\n")) {
                if (onlyThisTrace || EventJson.mapper().readTree(line).path("trace_id").asText().equals(trace)) {
                  payloads.add(line);
                }
              }
            }
          } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SQLException("a stored event is not JSON", e);
          }
        } else {
          perEvent.setString(1, trace);
          try (ResultSet rows = perEvent.executeQuery()) {
            while (rows.next()) {
              payloads.add(rows.getString(2));
            }
          }
        }
        nanos.add(System.nanoTime() - started);
        if (payloads.isEmpty()) {
          throw new IllegalStateException("trace " + trace + " read no events");
        }
      }
    }
    return medianMillis(nanos);
  }

  /**
   * Reads every event in log order through a server-side cursor and recomputes its leaf, SHA-256(0x00 ‖ event),
   * checking it against the stored leaf hashes (for per-event rows, which keep no leaf, against the captured ones).
   */
  private static long streamVerify(DataSource dataSource, List<Command> commands, boolean fromCommandRows,
      long events) throws SQLException {
    Map<String, byte[]> capturedLeaves = new HashMap<>();
    if (!fromCommandRows) {
      for (Command command : commands) {
        for (int i = 0; i < command.events().size(); i++) {
          capturedLeaves.put(command.events().get(i).eventId(), command.leaf(i));
        }
      }
    }
    long checked = 0;
    long started = System.nanoTime();
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        statement.setFetchSize(fromCommandRows ? 100 : 1000);
        try (ResultSet rows = statement.executeQuery(fromCommandRows
            ? "select events, leaf_hashes from audit_command order by id"
            : "select event_id, payload from bench_event order by event_id")) {
          while (rows.next()) {
            if (fromCommandRows) {
              String[] lines = rows.getString(1).split("\n");
              ByteBuffer leaves = ByteBuffer.wrap(rows.getBytes(2));
              for (String line : lines) {
                byte[] stored = new byte[32];
                leaves.get(stored);
                check(Rfc6962.leafHash(line.getBytes(StandardCharsets.UTF_8)), stored, line);
                checked++;
              }
            } else {
              String payload = rows.getString(2);
              check(Rfc6962.leafHash(payload.getBytes(StandardCharsets.UTF_8)), capturedLeaves.get(rows.getString(1)),
                  payload);
              checked++;
            }
          }
        }
      }
      connection.commit();
    }
    if (checked != events) {
      throw new IllegalStateException("the streaming read checked " + checked + " of " + events + " events");
    }
    return Math.round(checked / ((System.nanoTime() - started) / 1e9));
  }

  private static void check(byte[] computed, byte[] stored, String event) {
    if (!Arrays.equals(computed, stored)) {
      throw new IllegalStateException("leaf mismatch for event " + event);
    }
  }

  /**
   * The view {@code audit_event_v} over the command rows must yield, for a trace, exactly the rows of today's
   * table; then the time of an auditor's query by trace (a scan of every command row, since the view's filter
   * cannot use the trace index), of the same expansion narrowed by the trace index, and of a count by event type
   * over the whole log, against today's table.
   */
  private static ObjectNode view(DataSource dataSource, List<String> traces) throws SQLException {
    ObjectNode figures = EventJson.mapper().createObjectNode();
    String trace = traces.get(0);
    String order = " order by event_id";
    List<List<String>> today = rows(dataSource, "select " + EVENT_COLUMNS + " from bench_event where trace_id = ?"
        + order, trace);
    List<List<String>> viewed = rows(dataSource, "select " + EVENT_COLUMNS + " from audit_event_v where trace_id = ?"
        + order, trace);
    if (!today.equals(viewed)) {
      throw new IllegalStateException("audit_event_v differs from today's rows for trace " + trace + ": "
          + today.size() + " rows against " + viewed.size() + "; first difference at row "
          + firstDifference(today, viewed));
    }
    figures.put("rows_equal_for_trace", true);
    figures.put("rows_compared", today.size());
    List<String> five = traces.subList(0, Math.min(5, traces.size()));
    figures.put("per_event_table_by_trace_median_ms", timed(dataSource,
        "select " + EVENT_COLUMNS + " from bench_event where trace_id = ?" + order, five));
    figures.put("view_by_trace_median_ms", timed(dataSource,
        "select " + EVENT_COLUMNS + " from audit_event_v where trace_id = ?" + order, five));
    figures.put("view_by_trace_through_index_median_ms", timed(dataSource, "select " + EVENT_COLUMNS + " from ("
        + VIEW_SELECT + " where c.trace_ids @> array[?]::text[]) v order by event_id", five));
    String countByType = " group by event_type order by event_type";
    List<List<String>> todayCounts = rows(dataSource, "select event_type, count(*) from bench_event" + countByType,
        null);
    List<List<String>> viewCounts = rows(dataSource, "select event_type, count(*) from audit_event_v" + countByType,
        null);
    if (!todayCounts.equals(viewCounts)) {
      throw new IllegalStateException("audit_event_v counts events by type differently: " + viewCounts
          + " against " + todayCounts);
    }
    figures.put("per_event_table_count_by_type_ms", timed(dataSource,
        "select event_type, count(*) from bench_event" + countByType, Collections.singletonList(null)));
    figures.put("view_count_by_type_ms", timed(dataSource,
        "select event_type, count(*) from audit_event_v" + countByType, Collections.singletonList(null)));
    return figures;
  }

  private static String firstDifference(List<List<String>> a, List<List<String>> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      if (!a.get(i).equals(b.get(i))) {
        return i + ": " + a.get(i) + " against " + b.get(i);
      }
    }
    return String.valueOf(Math.min(a.size(), b.size()));
  }

  /** Every row as strings; times as instants, so that the offset they are read in does not matter. */
  private static List<List<String>> rows(DataSource dataSource, String sql, String parameter) throws SQLException {
    List<List<String>> result = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query = connection.prepareStatement(sql)) {
      if (parameter != null) {
        query.setString(1, parameter);
      }
      try (ResultSet rows = query.executeQuery()) {
        int columns = rows.getMetaData().getColumnCount();
        while (rows.next()) {
          List<String> row = new ArrayList<>(columns);
          for (int i = 1; i <= columns; i++) {
            Object value = rows.getObject(i);
            row.add(value instanceof java.sql.Timestamp
                ? rows.getObject(i, OffsetDateTime.class).toInstant().toString() : Objects.toString(value, null));
          }
          result.add(row);
        }
      }
    }
    return result;
  }

  /** The median ms of running a query once per parameter (after one untimed run), reading every row. */
  private static double timed(DataSource dataSource, String sql, List<String> parameters) throws SQLException {
    rows(dataSource, sql, parameters.get(0));
    List<Long> nanos = new ArrayList<>();
    for (String parameter : parameters) {
      long started = System.nanoTime();
      rows(dataSource, sql, parameter);
      nanos.add(System.nanoTime() - started);
    }
    return medianMillis(nanos);
  }

  private static double medianMillis(List<Long> nanos) {
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    return Math.round(sorted.get(sorted.size() / 2) / 10_000.0) / 100.0;
  }

  private static String single(DataSource dataSource, String sql) throws SQLException {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getString(1);
    }
  }

  private static void inParallel(ThrowingTask task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        work.add(pool.submit(() -> {
          task.run();
          return null;
        }));
      }
      for (Future<?> done : work) {
        done.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  private interface ThrowingTask {
    void run() throws Exception;
  }

  /** An event as today's table stores it, and the engine transaction that wrote it. */
  private record StoredEvent(String eventId, String traceId, String parentEventId, String processInstanceId,
      String businessKey, String entityId, String eventType, String actorType, String actorId,
      OffsetDateTime eventTime, String payload, String transaction) {

    void bind(PreparedStatement insert) throws SQLException {
      insert.setString(1, eventId);
      insert.setString(2, traceId);
      insert.setString(3, parentEventId);
      insert.setString(4, processInstanceId);
      insert.setString(5, businessKey);
      insert.setString(6, entityId);
      insert.setString(7, eventType);
      insert.setString(8, actorType);
      insert.setString(9, actorId);
      insert.setObject(10, eventTime);
      insert.setString(11, payload);
    }
  }

  /** One engine command's events in sealing order, with their leaf hashes. */
  private record Command(List<StoredEvent> events, List<byte[]> leaves) {

    String[] traceIds() {
      return events.stream().map(StoredEvent::traceId).collect(java.util.stream.Collectors.toCollection(
          LinkedHashSet::new)).toArray(String[]::new);
    }

    String[] businessKeys() {
      return events.stream().map(StoredEvent::businessKey).filter(Objects::nonNull).distinct()
          .toArray(String[]::new);
    }

    /** The canonical JSON of each event, one per line (canonical JSON escapes every newline inside a string). */
    String lines() {
      return String.join("\n", events.stream().map(StoredEvent::payload).toList());
    }

    byte[] leaf(int index) {
      return leaves.get(index);
    }

    byte[] leafHashes() {
      ByteBuffer all = ByteBuffer.allocate(32 * leaves.size());
      leaves.forEach(all::put);
      return all.array();
    }
  }
}
