package org.auditrail.verify.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.auditrail.verify.log.EventColumns;
import org.auditrail.verify.log.EventTime;
import org.auditrail.verify.log.StoredLog;

/**
 * The per-event layout of earlier versions: one {@code audit_event} row per event with its query columns, one
 * {@code audit_log_entry} row per sealed event. Kept so that a log written before the command rows (a restored
 * backup, say) still verifies.
 */
final class EventRowLog extends DatabaseLog {

  private static final int FETCH_SIZE = 5_000;

  EventRowLog(Connection connection, Map<String, String> anchoredNotes) {
    super(connection, anchoredNotes);
  }

  /** The log entries in index order, each joined with its event, one fetch at a time. */
  @Override
  public void forEachEntry(Consumer<StoredLog.Entry> action) {
    try (PreparedStatement query = connection.prepareStatement("select l.log_index, l.event_id, l.leaf_hash,"
        + " l.previous_leaf_hash, l.sealed_at, e.event_id, e.payload, e.trace_id, e.parent_event_id, e.process_instance_id,"
        + " e.business_key, e.entity_id, e.event_type, e.actor_type, e.actor_id, e.event_time"
        + " from audit_log_entry l left join audit_event e on e.event_id = l.event_id where l.log_index >= ? order by l.log_index")) {
      query.setFetchSize(FETCH_SIZE);
      query.setLong(1, fromIndex);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          boolean eventExists = rows.getString(6) != null;
          OffsetDateTime sealedAt = rows.getObject(5, OffsetDateTime.class);
          action.accept(new StoredLog.Entry(rows.getLong(1), rows.getString(2), rows.getBytes(3),
              rows.getBytes(4), eventExists ? rows.getString(7) : null,
              eventExists ? columns(rows, 8) : Map.of(), null, sealedAt == null ? null : sealedAt.toInstant()));
        }
      }
    } catch (SQLException e) {
      throw new ReadFailure(e);
    }
  }

  /** Events that are neither sealed nor waiting in the sealing queue. */
  @Override
  public List<String> unsealedOrphans() {
    try {
      Set<String> queued = SealingQueueRows.read(connection).eventIds();
      List<String> orphans = new ArrayList<>();
      try (PreparedStatement query = connection.prepareStatement("select e.event_id from audit_event e"
          + " where not exists (select 1 from audit_log_entry l where l.event_id = e.event_id)")) {
        query.setFetchSize(FETCH_SIZE);
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            if (!queued.contains(rows.getString(1))) {
              orphans.add(rows.getString(1));
            }
          }
        }
      }
      Collections.sort(orphans);
      return orphans;
    } catch (SQLException e) {
      throw new ReadFailure(e);
    }
  }

  /** An event row's query columns, read from the result columns starting at {@code first}. */
  private static Map<String, String> columns(ResultSet rows, int first) throws SQLException {
    Map<String, String> columns = new HashMap<>();
    columns.put(EventColumns.TRACE_ID, rows.getString(first));
    columns.put(EventColumns.PARENT_EVENT_ID, rows.getString(first + 1));
    columns.put(EventColumns.PROCESS_INSTANCE_ID, rows.getString(first + 2));
    columns.put(EventColumns.BUSINESS_KEY, rows.getString(first + 3));
    columns.put(EventColumns.ENTITY_ID, rows.getString(first + 4));
    columns.put(EventColumns.EVENT_TYPE, rows.getString(first + 5));
    columns.put(EventColumns.ACTOR_TYPE, rows.getString(first + 6));
    columns.put(EventColumns.ACTOR_ID, rows.getString(first + 7));
    OffsetDateTime time = rows.getObject(first + 8, OffsetDateTime.class);
    columns.put(EventColumns.EVENT_TIME, time == null ? null : EventTime.format(time.toInstant()));
    return columns;
  }
}
