package org.auditrail.verify.jdbc;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.auditrail.logformat.SealingQueue;
import org.auditrail.verify.log.CommandRow;
import org.auditrail.verify.log.StoredLog;

/**
 * The per-command layout: one {@code audit_command} row per write of events holding their canonical JSON one line
 * each, one {@code audit_log_batch} row per sealing round holding the ids and leaves it sealed in log order.
 * Streams round by round: a cursor over the rounds, and for each one query for the command rows it names, so that
 * memory holds one round at a time whatever the size of the log.
 */
final class CommandRowLog extends DatabaseLog {

  /** A round row holds about 69 bytes per event; a few rounds of 2,000 events per fetch keep the cursor small. */
  private static final int ROUND_FETCH_SIZE = 8;
  /** Command rows named in one query when looking for rows nobody references. */
  private static final int ROWS_PER_QUERY = 500;

  /**
   * Lines of sealed command rows that no round sealed, by event id: found while the entries stream past, so
   * {@code null} until {@link #forEachEntry} ran once.
   */
  private Set<String> unclaimedLines;

  CommandRowLog(Connection connection, Map<String, String> anchoredNotes) {
    super(connection, anchoredNotes);
  }

  @Override
  public void forEachEntry(Consumer<StoredLog.Entry> action) {
    // Lines each command row read so far holds that no round sealed, by command id; kept only while not empty,
    // so a command sealed in one round (as the sequencer seals them) costs nothing once its round is read.
    Map<String, Set<String>> unclaimed = new HashMap<>();
    // The round that holds fromIndex may begin before it: start with the last round that begins at or before it.
    try (PreparedStatement rounds = connection.prepareStatement("select first_index, entries, previous_leaf_hash,"
        + " command_ids, sealed_at from audit_log_batch where first_index >= coalesce((select max(first_index)"
        + " from audit_log_batch where first_index <= ?), 0) order by first_index");
        PreparedStatement commands = connection.prepareStatement("select command_id, event_count,"
            + " first_event_time, last_event_time, trace_ids, business_keys, process_instance_ids, events"
            + " from audit_command where command_id = any(?)")) {
      rounds.setFetchSize(ROUND_FETCH_SIZE);
      rounds.setLong(1, fromIndex);
      try (ResultSet rows = rounds.executeQuery()) {
        // The rows of one round are read into lines while the database answers for the next.
        Round read = null;
        while (rows.next()) {
          Round next = new Round(rows.getLong(1), SealingQueue.decode(rows.getBytes(2)), rows.getBytes(3),
              instant(rows, 5), readCommands(commands, strings(rows.getArray(4))));
          if (read != null) {
            read.emit(action, unclaimed);
          }
          read = next;
        }
        if (read != null) {
          read.emit(action, unclaimed);
        }
      }
    } catch (SQLException e) {
      throw new ReadFailure(e);
    }
    Set<String> lines = new HashSet<>();
    unclaimed.values().forEach(lines::addAll);
    unclaimedLines = lines;
  }

  /** A command row as read, its events split into lines and read. */
  private record StoredCommand(String commandId, int eventCount, Instant firstEventTime, Instant lastEventTime,
      List<String> traceIds, List<String> businessKeys, List<String> processInstanceIds,
      List<CommandRow.Line> lines) {}

  /** A sealing round as read: its entries, and its command rows, being read into lines. */
  private record Round(long firstIndex, List<SealingQueue.Queued> sealed, byte[] previousLeaf, Instant sealedAt,
      CompletableFuture<List<StoredCommand>> commands) {

    void emit(Consumer<StoredLog.Entry> action, Map<String, Set<String>> unclaimed) {
      emitRound(firstIndex, sealed, previousLeaf, sealedAt, commands.join(), action, unclaimed);
    }
  }

  private CompletableFuture<List<StoredCommand>> readCommands(PreparedStatement commands, List<String> commandIds)
      throws SQLException {
    record Row(String commandId, int eventCount, Instant first, Instant last, List<String> traceIds,
        List<String> businessKeys, List<String> processInstanceIds, String events) {}
    List<Row> rows = new ArrayList<>();
    commands.setArray(1, connection.createArrayOf("varchar", commandIds.toArray()));
    try (ResultSet result = commands.executeQuery()) {
      while (result.next()) {
        rows.add(new Row(result.getString(1), result.getInt(2), instant(result, 3), instant(result, 4),
            strings(result.getArray(5)), strings(result.getArray(6)), strings(result.getArray(7)),
            result.getString(8)));
      }
    }
    // Reading every line's fields is the larger part of the work here; the rows stand alone, so use every core.
    return CompletableFuture.supplyAsync(() -> rows.parallelStream().map(row -> new StoredCommand(row.commandId(),
        row.eventCount(), row.first(), row.last(), row.traceIds(), row.businessKeys(), row.processInstanceIds(),
        CommandRow.lines(row.events()))).toList());
  }

  /**
   * Hands the round's entries over in log order, each with its line and command row; an entry whose row or line
   * is gone gets no payload, which the verifier reports as deleted.
   */
  private static void emitRound(long firstIndex, List<SealingQueue.Queued> sealed, byte[] previousLeaf,
      Instant sealedAt, List<StoredCommand> stored, Consumer<StoredLog.Entry> action, Map<String, Set<String>> unclaimed) {
    Map<String, Integer> rowOf = new HashMap<>();
    List<Map<String, Integer>> positions = new ArrayList<>();
    for (int r = 0; r < stored.size(); r++) {
      Map<String, Integer> linesById = new HashMap<>();
      List<CommandRow.Line> lines = stored.get(r).lines();
      for (int p = 0; p < lines.size(); p++) {
        if (lines.get(p).eventId() != null) {
          linesById.putIfAbsent(lines.get(p).eventId(), p);
          rowOf.putIfAbsent(lines.get(p).eventId(), r);
        }
      }
      positions.add(linesById);
    }
    List<List<CommandRow.Sealed>> sealedByRow = new ArrayList<>();
    stored.forEach(command -> sealedByRow.add(new ArrayList<>()));
    for (int i = 0; i < sealed.size(); i++) {
      Integer row = rowOf.get(sealed.get(i).eventId());
      if (row != null) {
        sealedByRow.get(row).add(new CommandRow.Sealed(sealed.get(i).eventId(), firstIndex + i));
      }
    }
    List<CommandRow> rows = new ArrayList<>();
    for (int r = 0; r < stored.size(); r++) {
      StoredCommand command = stored.get(r);
      rows.add(new CommandRow(command.commandId(), command.eventCount(), command.firstEventTime(),
          command.lastEventTime(), command.traceIds(), command.businessKeys(), command.processInstanceIds(),
          command.lines(), List.copyOf(sealedByRow.get(r))));
      noteUnclaimed(command, sealedByRow.get(r), unclaimed);
    }
    byte[] previous = previousLeaf;
    for (int i = 0; i < sealed.size(); i++) {
      SealingQueue.Queued entry = sealed.get(i);
      Integer row = rowOf.get(entry.eventId());
      CommandRow command = row == null ? null : rows.get(row);
      String payload = command == null ? null
          : command.lines().get(positions.get(row).get(entry.eventId())).text();
      action.accept(new StoredLog.Entry(firstIndex + i, entry.eventId(), entry.leafHash(), previous, payload,
          Map.of(), command, sealedAt));
      previous = entry.leafHash();
    }
  }

  /**
   * Keeps the command's lines this round did not seal; a row read again for a later round keeps only the lines
   * no round sealed.
   */
  private static void noteUnclaimed(StoredCommand command, List<CommandRow.Sealed> sealed,
      Map<String, Set<String>> unclaimed) {
    Set<String> claimed = new HashSet<>();
    sealed.forEach(event -> claimed.add(event.eventId()));
    Set<String> lines = new HashSet<>();
    for (CommandRow.Line line : command.lines()) {
      if (line.eventId() != null && !claimed.contains(line.eventId())) {
        lines.add(line.eventId());
      }
    }
    Set<String> before = unclaimed.get(command.commandId());
    if (before != null) {
      lines.retainAll(before);
    }
    if (lines.isEmpty()) {
      unclaimed.remove(command.commandId());
    } else {
      unclaimed.put(command.commandId(), lines);
    }
  }

  /**
   * Events stored in command rows that are neither sealed nor queued: every line of a row that no round names
   * and no queue row holds, and every line of a sealed row that its round did not seal (found while the entries
   * stream; when they have not streamed yet, they are streamed here first, so the answer does not depend on the
   * order of calls).
   */
  @Override
  public List<String> unsealedOrphans() {
    if (unclaimedLines == null) {
      forEachEntry(entry -> {});
    }
    try {
      SealingQueueRows queue = SealingQueueRows.read(connection);
      Set<String> referenced = sealedCommandIds();
      referenced.addAll(queue.commandIds());
      Set<String> orphans = new TreeSet<>();
      List<String> unreferenced = unreferencedCommands(referenced);
      for (int from = 0; from < unreferenced.size(); from += ROWS_PER_QUERY) {
        List<String> chunk = unreferenced.subList(from, Math.min(unreferenced.size(), from + ROWS_PER_QUERY));
        orphans.addAll(eventIdsOf(chunk));
      }
      orphans.addAll(unclaimedLines);
      orphans.removeAll(queue.eventIds());
      return new ArrayList<>(orphans);
    } catch (SQLException e) {
      throw new ReadFailure(e);
    }
  }

  /** Every command row a sealing round names: a few ids per round. */
  private Set<String> sealedCommandIds() throws SQLException {
    Set<String> ids = new HashSet<>();
    try (PreparedStatement query = connection.prepareStatement("select command_ids from audit_log_batch")) {
      query.setFetchSize(1_000);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          ids.addAll(strings(rows.getArray(1)));
        }
      }
    }
    return ids;
  }

  private List<String> unreferencedCommands(Set<String> referenced) throws SQLException {
    List<String> unreferenced = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement("select command_id from audit_command")) {
      query.setFetchSize(5_000);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          if (!referenced.contains(rows.getString(1))) {
            unreferenced.add(rows.getString(1));
          }
        }
      }
    }
    return unreferenced;
  }

  /** The events of the given command rows by id; a line that names none, by its row and line number. */
  private List<String> eventIdsOf(List<String> commandIds) throws SQLException {
    List<String> eventIds = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement(
        "select command_id, events from audit_command where command_id = any(?)")) {
      query.setArray(1, connection.createArrayOf("varchar", commandIds.toArray()));
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          List<CommandRow.Line> lines = CommandRow.lines(rows.getString(2));
          for (int i = 0; i < lines.size(); i++) {
            String eventId = lines.get(i).eventId();
            eventIds.add(eventId != null ? eventId : "command row " + rows.getString(1) + " line " + (i + 1));
          }
        }
      }
    }
    return eventIds;
  }

  private static Instant instant(ResultSet rows, int column) throws SQLException {
    OffsetDateTime time = rows.getObject(column, OffsetDateTime.class);
    return time == null ? null : time.toInstant();
  }

  /** A varchar array column's values; arrays read as {@code Object[]} on H2 and {@code String[]} on PostgreSQL. */
  private static List<String> strings(Array array) throws SQLException {
    if (array == null) {
      return List.of();
    }
    try {
      List<String> values = new ArrayList<>();
      for (Object value : (Object[]) array.getArray()) {
        values.add(value == null ? null : value.toString());
      }
      return values;
    } finally {
      array.free();
    }
  }
}
