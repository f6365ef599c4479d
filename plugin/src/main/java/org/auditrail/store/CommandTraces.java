package org.auditrail.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.auditrail.logformat.SealingQueue;

/**
 * The trace of each queued event, read from the command rows of the writes a sealing round takes: a row of one
 * trace (nearly every one) answers from its lookup column; only a row of several traces is read line by line. A
 * write whose command row does not exist has no traces.
 */
final class CommandTraces {

  private final Map<String, Object[]> byCommand;
  private final Map<String, String> byEvent;

  private CommandTraces(Map<String, Object[]> byCommand, Map<String, String> byEvent) {
    this.byCommand = byCommand;
    this.byEvent = byEvent;
  }

  static CommandTraces read(Connection connection, List<UnsealedQueue.QueuedWrite> writes) throws SQLException {
    Map<String, Object[]> byCommand = new HashMap<>();
    Map<String, String> byEvent = new HashMap<>();
    if (writes.isEmpty()) {
      return new CommandTraces(byCommand, byEvent);
    }
    Object[] commandIds = writes.stream().map(UnsealedQueue.QueuedWrite::commandId).filter(Objects::nonNull)
        .distinct().toArray();
    List<String> mixed = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement(
        "select command_id, trace_ids from audit_command where command_id = any (?)")) {
      query.setArray(1, connection.createArrayOf("varchar", commandIds));
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          Object[] traces = (Object[]) rows.getArray(2).getArray();
          byCommand.put(rows.getString(1), traces);
          if (traces.length != 1) {
            mixed.add(rows.getString(1));
          }
        }
      }
    }
    if (!mixed.isEmpty()) {
      try (PreparedStatement query = connection.prepareStatement(
          "select events from audit_command where command_id = any (?)")) {
        query.setArray(1, connection.createArrayOf("varchar", mixed.toArray()));
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            for (String json : CommandRow.lines(rows.getString(1))) {
              EventLine line = EventLine.parse(json);
              byEvent.put(line.eventId(), line.traceId());
            }
          }
        }
      }
    }
    return new CommandTraces(byCommand, byEvent);
  }

  /** Each event's trace, in the write's order, or {@code null} when the write's command row does not exist. */
  List<String> of(UnsealedQueue.QueuedWrite write) {
    Object[] traces = byCommand.get(write.commandId());
    if (traces == null) {
      return null;
    }
    List<String> ofEvents = new ArrayList<>(write.events().size());
    for (SealingQueue.Queued event : write.events()) {
      ofEvents.add(traces.length == 1 ? String.valueOf(traces[0]) : byEvent.get(event.eventId()));
    }
    return ofEvents;
  }
}
