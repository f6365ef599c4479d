package org.auditrail.trail;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.auditrail.store.AuditStorageException;
import org.auditrail.store.ContentBlob;

/**
 * Answers an auditor's questions from the audit tables. Events come back as the exact JSON text that was stored,
 * in the order they were recorded.
 */
public final class AuditTrail {

  private final DataSource dataSource;

  public AuditTrail(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Every event of the case that a process instance (the root or any sub-process) belongs to. */
  public Optional<Trace> trace(String processInstanceId) {
    try (Connection connection = dataSource.getConnection()) {
      String traceId = traceOf(connection, processInstanceId);
      if (traceId == null) {
        return Optional.empty();
      }
      List<String> events = new ArrayList<>();
      try (PreparedStatement query = connection.prepareStatement(
          "select payload from audit_event where trace_id = ? order by event_id")) {
        query.setString(1, traceId);
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            events.add(rows.getString(1));
          }
        }
      }
      return Optional.of(new Trace(traceId, processInstanceId, events));
    } catch (SQLException e) {
      throw failure("read the trail of process instance " + processInstanceId, e);
    }
  }

  /** The trace of a process instance (root or sub-process), or the id itself when it is a trace id of its own. */
  private static String traceOf(Connection connection, String id) throws SQLException {
    for (String sql : new String[] {"select trace_id from audit_event where process_instance_id = ?",
        "select trace_id from audit_event where trace_id = ?"}) {
      try (PreparedStatement query = connection.prepareStatement(sql + " fetch first 1 rows only")) {
        query.setString(1, id);
        try (ResultSet rows = query.executeQuery()) {
          if (rows.next()) {
            return rows.getString(1);
          }
        }
      }
    }
    return null;
  }

  /** One page of the events that match a filter, oldest first, with the total count of matches. */
  public EventPage events(EventFilter filter) {
    StringBuilder where = new StringBuilder(" where 1 = 1");
    List<Object> values = new ArrayList<>();
    condition(where, values, "business_key = ?", filter.businessKey());
    condition(where, values, "process_instance_id = ?", filter.processInstanceId());
    condition(where, values, "event_type = ?", filter.eventType() == null ? null : filter.eventType().wireName());
    condition(where, values, "actor_id = ?", filter.actorId());
    condition(where, values, "event_time >= ?",
        filter.from() == null ? null : OffsetDateTime.ofInstant(filter.from(), ZoneOffset.UTC));
    condition(where, values, "event_time < ?",
        filter.to() == null ? null : OffsetDateTime.ofInstant(filter.to(), ZoneOffset.UTC));
    try (Connection connection = dataSource.getConnection()) {
      long total;
      try (PreparedStatement count = prepare(connection, "select count(*) from audit_event" + where, values)) {
        try (ResultSet rows = count.executeQuery()) {
          rows.next();
          total = rows.getLong(1);
        }
      }
      List<String> events = new ArrayList<>();
      String page = "select payload from audit_event" + where + " order by event_id offset "
          + ((long) filter.page() * filter.size()) + " rows fetch next " + filter.size() + " rows only";
      try (PreparedStatement query = prepare(connection, page, values)) {
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            events.add(rows.getString(1));
          }
        }
      }
      return new EventPage(filter.page(), filter.size(), total, events);
    } catch (SQLException e) {
      throw failure("query audit events", e);
    }
  }

  /** The bytes stored under a SHA-256, if any. */
  public Optional<ContentBlob> content(String sha256) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query = connection.prepareStatement(
            "select media_type, content from audit_content where sha256 = ?")) {
      query.setString(1, sha256);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next()
            ? Optional.of(new ContentBlob(sha256, rows.getString(1), rows.getBytes(2)))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw failure("read content " + sha256, e);
    }
  }

  /** How a payload removed under a retention policy was recorded: {@code <policy>\t<when>}. */
  public Optional<String> expiryOf(String sha256) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query = connection.prepareStatement(
            "select policy, expired_at from audit_content_expiry where sha256 = ?")) {
      query.setString(1, sha256);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next()
            ? Optional.of(rows.getString(1) + "\t" + rows.getObject(2, OffsetDateTime.class).toInstant())
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw failure("read the expiry of " + sha256, e);
    }
  }

  private static void condition(StringBuilder where, List<Object> values, String clause, Object value) {
    if (value != null) {
      where.append(" and ").append(clause);
      values.add(value);
    }
  }

  private static PreparedStatement prepare(Connection connection, String sql, List<Object> values)
      throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    for (int i = 0; i < values.size(); i++) {
      statement.setObject(i + 1, values.get(i));
    }
    return statement;
  }

  private static AuditStorageException failure(String what, SQLException e) {
    return new AuditStorageException("AUDIT-014 could not " + what + ": " + e.getMessage(), e);
  }

  /** A case's events, as stored. */
  public record Trace(String traceId, String processInstanceId, List<String> events) {}

  /** A page of events, as stored. */
  public record EventPage(int page, int size, long total, List<String> events) {}
}
