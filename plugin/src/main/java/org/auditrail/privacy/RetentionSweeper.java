package org.auditrail.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.auditrail.capture.DetachedEventLog;
import org.auditrail.event.Actor;
import org.auditrail.event.AuditEvent;
import org.auditrail.event.EventContext;
import org.auditrail.event.EventIds;
import org.auditrail.event.EventJson;
import org.auditrail.event.EventType;
import org.auditrail.event.Outcome;
import org.auditrail.store.AuditStorageException;

/**
 * Removes the payloads whose retention ended: a blob goes when every event that references it is older than its
 * event type's retention. Each removal is recorded first in {@code audit_content_expiry} (the only way the
 * database lets content be deleted), and the sweep is a {@code payload_expired} event; the events themselves, their
 * hashes and every proof stay valid.
 */
public final class RetentionSweeper {

  static final Actor SWEEPER = Actor.system("retention-sweeper", null);

  private final RetentionPolicy policy;
  private final DetachedEventLog log;

  public RetentionSweeper(RetentionPolicy policy, DetachedEventLog log) {
    this.policy = policy;
    this.log = log;
  }

  /** Removes what expired by {@code now}; answers the SHA-256 of every removed blob. */
  public List<String> sweep(Instant now) {
    Map<String, String> expiring = new TreeMap<>();
    try (Connection connection = log.dataSource().getConnection()) {
      for (Map.Entry<String, Duration> entry : policy.byEventType().entrySet()) {
        Instant cutoff = now.minus(entry.getValue());
        for (JsonNode event : events(connection, "select payload from audit_event where event_type = ?"
            + " and event_time < ?", entry.getKey(), cutoff)) {
          for (String sha256 : event.findValuesAsText("content_sha256")) {
            expiring.putIfAbsent(sha256, RetentionPolicy.describe(entry.getKey(), entry.getValue()));
          }
        }
      }
      expiring.keySet().removeIf(sha256 -> stillNeeded(connection, sha256, now) || !stored(connection, sha256));
      if (expiring.isEmpty()) {
        return List.of();
      }
      log.inTransaction(tx -> remove(tx, expiring, now));
    } catch (SQLException e) {
      throw new AuditStorageException("AUDIT-065 the retention sweep failed; nothing was removed: " + e.getMessage(),
          e);
    }
    record(expiring, now);
    return List.copyOf(expiring.keySet());
  }

  /** Whether an event that references the blob is still within its type's retention (or has none). */
  private boolean stillNeeded(Connection connection, String sha256, Instant now) {
    try (PreparedStatement query = connection.prepareStatement(
        "select event_type, event_time from audit_event where payload like ?")) {
      query.setString(1, "%" + sha256 + "%");
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          Duration kept = policy.byEventType().get(rows.getString(1));
          Instant at = rows.getObject(2, OffsetDateTime.class).toInstant();
          if (kept == null || !at.isBefore(now.minus(kept))) {
            return true;
          }
        }
      }
      return false;
    } catch (SQLException e) {
      throw new AuditStorageException("AUDIT-065 the references of " + sha256 + " could not be read", e);
    }
  }

  private static boolean stored(Connection connection, String sha256) {
    try (PreparedStatement query = connection.prepareStatement("select 1 from audit_content where sha256 = ?")) {
      query.setString(1, sha256);
      try (ResultSet row = query.executeQuery()) {
        return row.next();
      }
    } catch (SQLException e) {
      throw new AuditStorageException("AUDIT-065 the content store could not be read", e);
    }
  }

  private static void remove(Connection connection, Map<String, String> expiring, Instant now) throws SQLException {
    try (PreparedStatement expiry = connection.prepareStatement("insert into audit_content_expiry (sha256,"
        + " event_type, policy, expired_at) values (?, ?, ?, ?)");
        PreparedStatement delete = connection.prepareStatement("delete from audit_content where sha256 = ?")) {
      for (Map.Entry<String, String> entry : expiring.entrySet()) {
        expiry.setString(1, entry.getKey());
        expiry.setString(2, entry.getValue().substring(0, entry.getValue().indexOf(' ')));
        expiry.setString(3, entry.getValue());
        expiry.setObject(4, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
        expiry.addBatch();
        delete.setString(1, entry.getKey());
        delete.addBatch();
      }
      expiry.executeBatch();
      delete.executeBatch();
    }
  }

  private void record(Map<String, String> expired, Instant now) {
    ObjectNode output = EventJson.mapper().createObjectNode().put("count", expired.size());
    ArrayNode blobs = output.putArray("blobs");
    expired.forEach((sha256, policyName) -> blobs.addObject().put("sha256", sha256).put("policy", policyName));
    log.append(new AuditEvent(EventIds.next(), "retention-" + now.toString().substring(0, 10), null,
        Instant.ofEpochMilli(now.toEpochMilli()), SWEEPER, EventType.PAYLOAD_EXPIRED, EventContext.builder().build(),
        null, null, output, null, Outcome.SUCCESS, null), List.of());
  }

  private static List<JsonNode> events(Connection connection, String sql, String type, Instant before)
      throws SQLException {
    List<JsonNode> events = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      query.setString(1, type);
      query.setObject(2, OffsetDateTime.ofInstant(before, ZoneOffset.UTC));
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          events.add(EventJson.mapper().readTree(rows.getString(1)));
        }
      }
    } catch (JsonProcessingException e) {
      throw new SQLException("a stored event is not JSON", e);
    }
    return events;
  }
}
