package org.auditrail.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.auditrail.event.Actor;
import org.auditrail.event.AuditEvent;
import org.auditrail.event.EventContext;
import org.auditrail.event.EventIds;
import org.auditrail.event.EventJson;
import org.auditrail.event.EventType;
import org.auditrail.event.Outcome;
import org.auditrail.store.AuditStorageException;
import org.auditrail.store.AuditStore;
import org.auditrail.store.EventCriteria;
import org.auditrail.store.ExpiryLedger;

/**
 * Removes the payloads whose retention ended: a blob goes when every event that references it is older than its
 * event type's retention. The sweep is first committed as a {@code payload_expired} event, then each removal is
 * recorded in {@code audit_content_expiry} with its blob's deletion (the database allows a deletion only with
 * both); the events themselves, their hashes and every proof stay valid.
 */
public final class RetentionSweeper {

  static final Actor SWEEPER = Actor.system("retention-sweeper", null);

  private final RetentionPolicy policy;
  private final AuditStore store;

  public RetentionSweeper(RetentionPolicy policy, AuditStore store) {
    this.policy = policy;
    this.store = store;
  }

  /** Removes what expired by {@code now}; answers the SHA-256 of every removed blob. */
  public List<String> sweep(Instant now) {
    Map<String, String> expiring = new TreeMap<>();
    try {
      for (Map.Entry<String, Duration> entry : policy.byEventType().entrySet()) {
        Optional<EventType> type = EventType.fromWireName(entry.getKey());
        if (type.isEmpty()) {
          continue; // no event of a type that does not exist
        }
        EventCriteria expired = EventCriteria.ofTypes(type.get()).between(null, now.minus(entry.getValue()));
        for (JsonNode event : store.events().find(expired)) {
          for (String sha256 : event.findValuesAsText("content_sha256")) {
            expiring.putIfAbsent(sha256, RetentionPolicy.describe(entry.getKey(), entry.getValue()));
          }
        }
      }
      expiring.keySet().removeIf(sha256 -> stillNeeded(sha256, now) || !stored(sha256));
      if (expiring.isEmpty()) {
        return List.of();
      }
      // The event first: the database lets a blob go only once a committed payload_expired event names it, and the
      // verifier reports a removal that no sealed one justifies.
      record(expiring, now);
      store.expiries().expire(expiring.entrySet().stream().map(entry -> new ExpiryLedger.Expiry(entry.getKey(),
          entry.getValue().substring(0, entry.getValue().indexOf(' ')), entry.getValue())).toList(), now);
    } catch (SQLException e) {
      throw new AuditStorageException("AUDIT-065 the retention sweep failed; nothing was removed: " + e.getMessage(),
          e);
    }
    return List.copyOf(expiring.keySet());
  }

  /** Whether an event that references the blob is still within its type's retention (or has none). */
  private boolean stillNeeded(String sha256, Instant now) {
    try {
      for (JsonNode event : store.events().mentioning(sha256)) {
        if (event.path("event_type").asText().equals(EventType.PAYLOAD_EXPIRED.wireName())) {
          continue; // an earlier sweep's record of this removal, which did not complete: not a use of the blob
        }
        Duration kept = policy.byEventType().get(event.path("event_type").asText());
        Instant at = Instant.parse(event.path("timestamp").asText());
        if (kept == null || !at.isBefore(now.minus(kept))) {
          return true;
        }
      }
      return false;
    } catch (SQLException e) {
      throw new AuditStorageException("AUDIT-065 the references of " + sha256 + " could not be read", e);
    }
  }

  private boolean stored(String sha256) {
    try {
      return store.contents().contains(sha256);
    } catch (SQLException e) {
      throw new AuditStorageException("AUDIT-065 the content store could not be read", e);
    }
  }

  /**
   * Commits the payload_expired event on its own before anything is removed; if it cannot be written, nothing is.
   * It states the retention of every event type, so that the verifier can check that each event referencing a
   * removed blob had outlived its own.
   */
  private void record(Map<String, String> expired, Instant now) throws SQLException {
    ObjectNode output = EventJson.mapper().createObjectNode().put("count", expired.size());
    ArrayNode blobs = output.putArray("blobs");
    expired.forEach((sha256, policyName) -> blobs.addObject().put("sha256", sha256).put("policy", policyName));
    ObjectNode retention = output.putObject("retention");
    policy.byEventType().forEach((eventType, kept) -> retention.put(eventType, kept.toString()));
    store.events().appendDetached(List.of(new AuditEvent(EventIds.next(), EventIds.dailyTrace("retention", now),
        null, Instant.ofEpochMilli(now.toEpochMilli()), SWEEPER, EventType.PAYLOAD_EXPIRED,
        EventContext.builder().build(), null, null, output, null, Outcome.SUCCESS, null)), List.of());
  }
}
