package org.auditrail.verify.jdbc;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.auditrail.logformat.SealingQueue;
import org.auditrail.verify.Checkpoint;
import org.auditrail.verify.MerkleFrontier;
import org.auditrail.verify.NoteSigner;
import org.auditrail.verify.Rfc6962;
import org.auditrail.verify.log.LogVerifier;
import org.auditrail.verify.log.VerificationBounds;
import org.auditrail.verify.log.VerificationReport;

/**
 * A log in the per-command layout, written to an in-memory H2 database the way the plugin writes it: command rows
 * with the lookup columns derived here from each event's own fields, sealing rounds, queue rows and signed
 * checkpoints. Tests then change rows behind its back as an intruder would.
 */
public final class CommandTables implements AutoCloseable {

  /** One event as the plugin would store it, with the fields its command row's columns come from. */
  public record TestEvent(String id, String traceId, String businessKey, String processInstanceId, String timestamp,
      String actorId, String eventType, String fields) {

    TestEvent(String id, String traceId, String businessKey, String processInstanceId, String timestamp,
        String actorId) {
      this(id, traceId, businessKey, processInstanceId, timestamp, actorId, "task_completed", "");
    }

    public static TestEvent of(int n, String traceId, String businessKey, String processInstanceId) {
      return new TestEvent("e-" + n, traceId, businessKey, processInstanceId,
          String.format("2026-01-12T09:%02d:%02d.000Z", 30 + n / 60, n % 60), "mary");
    }

    TestEvent byActor(String actor) {
      return new TestEvent(id, traceId, businessKey, processInstanceId, timestamp, actor, eventType, fields);
    }

    /**
     * The event as another type, with more fields: canonical JSON text of the fields that sort between event_type
     * and parent_event_id (such as input and output), each followed by a comma.
     */
    TestEvent as(String type, String moreFields) {
      return new TestEvent(id, traceId, businessKey, processInstanceId, timestamp, actorId, type, moreFields);
    }

    /** Canonical JSON: keys sorted, no white space. */
    String json() {
      return "{\"actor\":{\"id\":\"" + actorId + "\",\"type\":\"user\"},\"context\":{\"business_key\":"
          + quoted(businessKey) + ",\"process_instance_id\":" + quoted(processInstanceId) + "},\"event_id\":\""
          + id + "\",\"event_type\":\"" + eventType + "\"," + fields + "\"parent_event_id\":null,\"timestamp\":\""
          + timestamp + "\",\"trace_id\":\"" + traceId + "\"}";
    }

    byte[] leaf() {
      return Rfc6962.leafHash(json().getBytes(StandardCharsets.UTF_8));
    }

    private static String quoted(String value) {
      return value == null ? "null" : "\"" + value + "\"";
    }
  }

  public final String url = "jdbc:h2:mem:" + UUID.randomUUID();
  final Connection connection;
  private final Map<String, List<TestEvent>> commands = new LinkedHashMap<>();
  private final MerkleFrontier frontier = new MerkleFrontier();
  private byte[] lastLeaf;

  public CommandTables(String script) throws SQLException {
    connection = DriverManager.getConnection(url);
    try (Statement statement = connection.createStatement()) {
      statement.execute("runscript from 'classpath:/db/" + script + "'");
    }
  }

  /** Stores a command row of these events, its columns derived as the writer derives them. */
  public void command(String commandId, TestEvent... events) throws SQLException {
    commands.put(commandId, List.of(events));
    List<String> times = Arrays.stream(events).map(TestEvent::timestamp).sorted().toList();
    execute("insert into audit_command (command_id, event_count, first_event_time, last_event_time, trace_ids,"
        + " business_keys, process_instance_ids, events) values (?, ?, ?, ?, ?, ?, ?, ?)", commandId,
        events.length, time(times.get(0)), time(times.get(times.size() - 1)),
        distinct(events, TestEvent::traceId), distinct(events, TestEvent::businessKey),
        distinct(events, TestEvent::processInstanceId), lines(events));
  }

  /** Seals the events of these command rows in one round, in order. */
  public void seal(String... commandIds) throws SQLException {
    seal(OffsetDateTime.now(ZoneOffset.UTC), commandIds);
  }

  /** Seals the events of these command rows in one round, in order, as if at the given time. */
  public void seal(OffsetDateTime sealedAt, String... commandIds) throws SQLException {
    List<SealingQueue.Queued> entries = new ArrayList<>();
    for (String commandId : commandIds) {
      commands.get(commandId).forEach(event -> entries.add(new SealingQueue.Queued(event.id(), event.leaf())));
    }
    execute("insert into audit_log_batch (first_index, event_count, command_ids, entries, previous_leaf_hash,"
        + " sealed_at) values (?, ?, ?, ?, ?, ?)", frontier.size(), entries.size(), commandIds,
        SealingQueue.encode(entries), lastLeaf, sealedAt);
    for (SealingQueue.Queued entry : entries) {
      frontier.append(entry.leafHash());
      lastLeaf = entry.leafHash();
    }
  }

  /** Queues a command row's events for sealing, as the writer does in the command's transaction. */
  void queue(String commandId) throws SQLException {
    List<SealingQueue.Queued> entries = commands.get(commandId).stream()
        .map(event -> new SealingQueue.Queued(event.id(), event.leaf())).toList();
    execute("insert into audit_unsealed (batch_id, event_count, entries, recorded_at, command_id)"
        + " values (?, ?, ?, ?, ?)", UUID.randomUUID().toString(), entries.size(), SealingQueue.encode(entries),
        OffsetDateTime.now(ZoneOffset.UTC), commandId);
  }

  /** Signs a checkpoint of everything sealed so far; answers its root. */
  public byte[] checkpoint(NoteSigner signer) throws SQLException {
    byte[] root = frontier.root();
    String note = signer.sign(new Checkpoint("test/log", frontier.size(), root).body()).text();
    execute("insert into audit_checkpoint (tree_size, root_hash, signed_note, key_name, created_at)"
        + " values (?, ?, ?, ?, ?)", frontier.size(), root, note, "test", OffsetDateTime.now(ZoneOffset.UTC));
    return root;
  }

  /** The signed note of the stored checkpoint of a size. */
  public String note(long treeSize) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(
        "select signed_note from audit_checkpoint where tree_size = ?")) {
      query.setLong(1, treeSize);
      try (java.sql.ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getString(1);
      }
    }
  }

  /** Stores a time-stamp token for the checkpoint of a size, as the plugin's sequencer does. */
  public void timestamp(long treeSize, byte[] token) throws SQLException {
    execute("insert into audit_checkpoint_timestamp (tree_size, token, created_at) values (?, ?, ?)", treeSize,
        token, OffsetDateTime.now(ZoneOffset.UTC));
  }

  VerificationReport verify(NoteSigner signer) throws Exception {
    return JdbcLogSource.verify(connection, null, new LogVerifier(List.of(signer.verifier())));
  }

  VerificationReport verify(NoteSigner signer, VerificationBounds bounds) throws Exception {
    return JdbcLogSource.verify(connection, null, new LogVerifier(List.of(signer.verifier()), null, bounds));
  }

  /** The stored events column of these events: one line each. */
  static String lines(TestEvent... events) {
    return String.join("\n", Arrays.stream(events).map(TestEvent::json).toList());
  }

  public static OffsetDateTime time(String timestamp) {
    return Instant.parse(timestamp).atOffset(ZoneOffset.UTC);
  }

  void execute(String sql, Object... parameters) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        if (parameters[i] instanceof String[] values) {
          statement.setArray(i + 1, connection.createArrayOf("varchar", values));
        } else {
          statement.setObject(i + 1, parameters[i]);
        }
      }
      statement.executeUpdate();
    }
  }

  private static String[] distinct(TestEvent[] events, Function<TestEvent, String> field) {
    return Arrays.stream(events).map(field).filter(Objects::nonNull).collect(
        Collectors.toCollection(TreeSet::new)).toArray(String[]::new);
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
