package org.auditrail.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.auditrail.event.AuditEvent;
import org.auditrail.event.EventJson;
import org.auditrail.logformat.SealingQueue;
import org.auditrail.verify.Rfc6962;

/**
 * Appends events and their content blobs on a connection the caller owns, in one JDBC batch per table, so that a
 * command's audit trail commits or rolls back with the engine's own work. The write is also queued for the
 * sequencer, with each event's leaf hash, and sealed into the Merkle log after commit; engine transactions never
 * wait on the log's head.
 */
public final class AuditEventWriter {

  private static final String INSERT_EVENT = "insert into audit_event (event_id, trace_id, parent_event_id,"
      + " process_instance_id, business_key, entity_id, event_type, actor_type, actor_id, event_time, payload)"
      + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String QUEUE_FOR_SEALING = "insert into audit_unsealed (batch_id, event_count, entries,"
      + " recorded_at) values (?, ?, ?, ?)";

  /** 24 entries of at most 69 bytes keep a queue row under PostgreSQL's 2 KB TOAST threshold. */
  static final int EVENTS_PER_QUEUE_ROW = 24;

  private final SqlDialect dialect;

  public AuditEventWriter(SqlDialect dialect) {
    this.dialect = dialect;
  }

  public void write(Connection connection, Collection<AuditEvent> events, Collection<ContentBlob> blobs)
      throws SQLException {
    if (!blobs.isEmpty()) {
      writeBlobs(connection, blobs);
    }
    if (!events.isEmpty()) {
      writeEvents(connection, events);
    }
  }

  private void writeEvents(Connection connection, Collection<AuditEvent> events) throws SQLException {
    List<SealingQueue.Queued> queued = insertEvents(connection, events);
    Instant earliest = events.stream().map(AuditEvent::timestamp).min(Instant::compareTo).orElseThrow();
    // Queue rows of a few dozen events: few rows per write, each small enough to stay out of TOAST storage.
    try (PreparedStatement queue = connection.prepareStatement(QUEUE_FOR_SEALING)) {
      for (int from = 0; from < queued.size(); from += EVENTS_PER_QUEUE_ROW) {
        List<SealingQueue.Queued> row = queued.subList(from, Math.min(queued.size(), from + EVENTS_PER_QUEUE_ROW));
        queue.setString(1, row.get(0).eventId());
        queue.setInt(2, row.size());
        queue.setBytes(3, SealingQueue.encode(row));
        queue.setObject(4, OffsetDateTime.ofInstant(earliest, ZoneOffset.UTC));
        queue.addBatch();
      }
      queue.executeBatch();
    }
  }

  /** Inserts the event rows in one batch; answers what to queue for sealing: each event's id and leaf hash. */
  List<SealingQueue.Queued> insertEvents(Connection connection, Collection<AuditEvent> events) throws SQLException {
    List<SealingQueue.Queued> queued = new ArrayList<>(events.size());
    try (PreparedStatement insert = connection.prepareStatement(INSERT_EVENT)) {
      for (AuditEvent event : events) {
        String payload = EventJson.canonical(event);
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
        insert.setString(11, payload);
        insert.addBatch();
        queued.add(new SealingQueue.Queued(event.eventId(),
            Rfc6962.leafHash(payload.getBytes(StandardCharsets.UTF_8))));
      }
      insert.executeBatch();
    }
    return queued;
  }

  private void writeBlobs(Connection connection, Collection<ContentBlob> blobs) throws SQLException {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    try (PreparedStatement insert = connection.prepareStatement(dialect.insertContentIfAbsent())) {
      for (ContentBlob blob : blobs) {
        insert.setString(1, blob.sha256());
        insert.setLong(2, blob.size());
        insert.setString(3, blob.mediaType());
        insert.setBytes(4, blob.content());
        insert.setObject(5, now);
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }
}
