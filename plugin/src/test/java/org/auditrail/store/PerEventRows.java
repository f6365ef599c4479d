package org.auditrail.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.auditrail.event.AuditEvent;
import org.auditrail.event.EventJson;
import org.auditrail.logformat.SealingQueue;
import org.auditrail.verify.Checkpoint;
import org.auditrail.verify.MerkleFrontier;
import org.auditrail.verify.NoteSigner;
import org.auditrail.verify.Rfc6962;

/**
 * What the plugin wrote before schema version 9, one row per event, reproduced statement for statement so that the
 * migration tests start from a log an earlier version wrote.
 */
final class PerEventRows {

  private final Connection connection;
  private final MerkleFrontier frontier = new MerkleFrontier();
  private byte[] lastLeaf;

  PerEventRows(Connection connection) {
    this.connection = connection;
  }

  /** The event rows, as versions 1 to 8 inserted them. */
  void insertEvents(List<AuditEvent> events) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("insert into audit_event (event_id, trace_id,"
        + " parent_event_id, process_instance_id, business_key, entity_id, event_type, actor_type, actor_id,"
        + " event_time, payload) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (AuditEvent event : events) {
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
        insert.setString(11, EventJson.canonical(event));
        insert.executeUpdate();
      }
    }
  }

  /** One write's events queued as versions 6 to 8 did: one row, each event's id and leaf. */
  void queue(List<AuditEvent> events) throws SQLException {
    try (PreparedStatement queue = connection.prepareStatement("insert into audit_unsealed (batch_id, event_count,"
        + " entries, recorded_at) values (?, ?, ?, ?)")) {
      queue.setString(1, events.get(0).eventId());
      queue.setInt(2, events.size());
      queue.setBytes(3, SealingQueue.encode(events.stream()
          .map(event -> new SealingQueue.Queued(event.eventId(), leaf(event))).toList()));
      queue.setObject(4, OffsetDateTime.ofInstant(events.get(0).timestamp(), ZoneOffset.UTC));
      queue.executeUpdate();
    }
  }

  /** Seals events as the sequencer of versions 2 to 8 did: a log entry each, the head, and a signed checkpoint. */
  void seal(List<AuditEvent> events, Instant sealedAt, NoteSigner signer, String origin) throws SQLException {
    try (PreparedStatement entry = connection.prepareStatement("insert into audit_log_entry (log_index, event_id,"
        + " leaf_hash, previous_leaf_hash, sealed_at) values (?, ?, ?, ?, ?)")) {
      for (AuditEvent event : events) {
        byte[] leaf = leaf(event);
        entry.setLong(1, frontier.size());
        entry.setString(2, event.eventId());
        entry.setBytes(3, leaf);
        entry.setBytes(4, lastLeaf);
        entry.setObject(5, OffsetDateTime.ofInstant(sealedAt, ZoneOffset.UTC));
        entry.executeUpdate();
        frontier.append(leaf);
        lastLeaf = leaf;
      }
    }
    try (PreparedStatement head = connection.prepareStatement("update audit_log_head set tree_size = ?,"
        + " frontier = ?, last_leaf_hash = ?, updated_at = ? where id = 1")) {
      head.setLong(1, frontier.size());
      head.setBytes(2, frontier.toBytes());
      head.setBytes(3, lastLeaf);
      head.setObject(4, OffsetDateTime.ofInstant(sealedAt, ZoneOffset.UTC));
      head.executeUpdate();
    }
    try (PreparedStatement checkpoint = connection.prepareStatement("insert into audit_checkpoint (tree_size,"
        + " root_hash, signed_note, key_name, created_at) values (?, ?, ?, ?, ?)")) {
      checkpoint.setLong(1, frontier.size());
      checkpoint.setBytes(2, frontier.root());
      checkpoint.setString(3, signer.sign(new Checkpoint(origin, frontier.size(), frontier.root()).body()).text());
      checkpoint.setString(4, signer.verifier().keyName());
      checkpoint.setObject(5, OffsetDateTime.ofInstant(sealedAt, ZoneOffset.UTC));
      checkpoint.executeUpdate();
    }
  }

  byte[] root() {
    return frontier.root();
  }

  static byte[] leaf(AuditEvent event) {
    return Rfc6962.leafHash(EventJson.canonical(event).getBytes(StandardCharsets.UTF_8));
  }

  static List<String> payloads(List<AuditEvent> events) {
    List<String> payloads = new ArrayList<>();
    events.forEach(event -> payloads.add(EventJson.canonical(event)));
    return payloads;
  }
}
