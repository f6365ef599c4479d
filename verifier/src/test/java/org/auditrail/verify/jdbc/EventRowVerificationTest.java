package org.auditrail.verify.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.auditrail.logformat.SealingQueue;
import org.auditrail.verify.Checkpoint;
import org.auditrail.verify.MerkleFrontier;
import org.auditrail.verify.NoteSigner;
import org.auditrail.verify.jdbc.CommandTables.TestEvent;
import org.auditrail.verify.log.Finding;
import org.auditrail.verify.log.VerificationBounds;
import org.auditrail.verify.log.VerificationReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A log written per event by an earlier version (the tables of migrations V1, V2 and V6, a restored backup, say)
 * still verifies with the verifier that reads command rows, its query columns checked as before.
 */
class EventRowVerificationTest {

  private final NoteSigner signer = NoteSigner.generate("test", new SecureRandom());
  private CommandTables log;

  @BeforeEach
  void writeLog() throws Exception {
    log = new CommandTables("event-layout.sql");
    MerkleFrontier frontier = new MerkleFrontier();
    byte[] previous = null;
    for (int i = 0; i < 5; i++) {
      TestEvent event = TestEvent.of(i, "t-1", "bk-1", "pi-1");
      storeEvent(event);
      log.execute("insert into audit_log_entry (log_index, event_id, leaf_hash, previous_leaf_hash, sealed_at)"
          + " values (?, ?, ?, ?, ?)", i, event.id(), event.leaf(), previous, OffsetDateTime.now(ZoneOffset.UTC));
      frontier.append(event.leaf());
      previous = event.leaf();
    }
    byte[] root = frontier.root();
    log.execute("insert into audit_checkpoint (tree_size, root_hash, signed_note, key_name, created_at)"
        + " values (?, ?, ?, ?, ?)", 5L, root, signer.sign(new Checkpoint("test/log", 5, root).body()).text(),
        "test", OffsetDateTime.now(ZoneOffset.UTC));
  }

  @AfterEach
  void close() throws Exception {
    log.close();
  }

  @Test
  void aLogStoredPerEventVerifies() throws Exception {
    VerificationReport report = log.verify(signer);

    assertThat(report.findings()).isEmpty();
    assertThat(report.summary()).isEqualTo("verified: 5 events, 1 checkpoints, 0 blobs");
  }

  @Test
  void anEventRowSealedLongAfterItsTimeIsBackdated() throws Exception {
    log.execute("update audit_log_entry set sealed_at = ?", CommandTables.time("2026-01-12T09:31:00.000Z"));
    log.execute("update audit_log_entry set sealed_at = ? where log_index = 3",
        CommandTables.time("2026-01-12T11:30:03.500Z"));
    VerificationBounds bounds = new VerificationBounds(Duration.ofHours(1), null, Clock.systemUTC());

    assertThat(log.verify(signer, bounds).findings()).extracting(Finding::toString).containsExactly(
        "backdated event e-3 at log index 3: the event's time stamp 2026-01-12T09:30:03.000Z is PT2H0.5S before it"
            + " was sealed at 2026-01-12T11:30:03.500Z, more than the bound of PT1H");
  }

  @Test
  void aDatabaseMigratedToCommandRowsWhoseWriterStillWritesEventRowsIsReadPerEvent() throws Exception {
    log.execute("create table audit_command (command_id varchar(36) primary key, events clob)");
    log.execute("create table audit_log_batch (first_index bigint primary key, entries varbinary)");

    assertThat(log.verify(signer).summary()).isEqualTo("verified: 5 events, 1 checkpoints, 0 blobs");
  }

  @Test
  void anEditedQueryColumnOfAnEventRowIsStillAColumnMismatch() throws Exception {
    log.execute("update audit_event set actor_id = 'eve', event_time = ? where event_id = 'e-2'",
        CommandTables.time("2026-01-12T10:00:00Z"));

    assertThat(log.verify(signer).findings()).extracting(Finding::toString).containsExactly(
        "column_mismatch event e-2 at log index 2: column actor_id holds 'eve' but the sealed event says 'mary'",
        "column_mismatch event e-2 at log index 2: column event_time holds '2026-01-12T10:00:00.000Z' but the"
            + " sealed event says '2026-01-12T09:30:02.000Z'");
  }

  @Test
  void anEventNeitherSealedNorQueuedIsStillInsertedAndAQueuedOneIsNot() throws Exception {
    TestEvent queued = TestEvent.of(5, "t-1", "bk-1", "pi-1");
    storeEvent(queued);
    log.execute("insert into audit_unsealed (batch_id, event_count, entries, recorded_at) values (?, ?, ?, ?)",
        UUID.randomUUID().toString(), 1, SealingQueue.encode(List.of(new SealingQueue.Queued(queued.id(),
            queued.leaf()))), OffsetDateTime.now(ZoneOffset.UTC));
    storeEvent(TestEvent.of(6, "t-1", "bk-1", "pi-1"));

    assertThat(log.verify(signer).findings()).extracting(Finding::toString).containsExactly("inserted event e-6:"
        + " the event is in the event table but was never sealed into the log and is not waiting to be");
  }

  private void storeEvent(TestEvent event) throws Exception {
    log.execute("insert into audit_event (event_id, trace_id, parent_event_id, process_instance_id, business_key,"
        + " entity_id, event_type, actor_type, actor_id, event_time, payload)"
        + " values (?, ?, null, ?, ?, null, 'task_completed', 'user', ?, ?, ?)", event.id(), event.traceId(),
        event.processInstanceId(), event.businessKey(), event.actorId(), CommandTables.time(event.timestamp()),
        event.json());
  }
}
