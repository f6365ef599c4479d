package org.auditrail.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.auditrail.EmbeddedPostgresServer;
import org.auditrail.WholeLog;
import org.auditrail.event.Actor;
import org.auditrail.event.AuditEvent;
import org.auditrail.event.EventContext;
import org.auditrail.event.EventIds;
import org.auditrail.event.EventJson;
import org.auditrail.event.EventType;
import org.auditrail.event.Outcome;
import org.auditrail.seal.LogSettings;
import org.auditrail.seal.Sequencer;
import org.auditrail.verify.MerkleTree;
import org.auditrail.verify.NoteSigner;
import org.auditrail.verify.Rfc6962;
import org.auditrail.verify.jdbc.JdbcLogSource;
import org.auditrail.verify.log.Finding;
import org.auditrail.verify.log.LogVerifier;
import org.auditrail.verify.log.VerificationReport;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A log written one row per event, as versions before schema 9 wrote it, is moved into command rows and log batches
 * by the migration: it verifies after as it did before (the same events, leaves, root and checkpoints, and the same
 * finding of an event nobody sealed), a case's trail reads the same, the audit_event view returns the rows the table
 * held, and the writes still queued are sealed afterwards into a log that verifies.
 */
class CommandRowMigrationTest {

  private static final String ORIGIN = "test.example/log";
  private static final String EVENT_COLUMNS = "event_id, trace_id, parent_event_id, process_instance_id,"
      + " business_key, entity_id, event_type, actor_type, actor_id, event_time, payload";

  private final NoteSigner signer = NoteSigner.generate("migration-test", new SecureRandom());

  @Test
  void aLogWrittenPerEventVerifiesAndReadsTheSameAfterTheMigrationOnH2() throws Exception {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:command-migration-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    migratesAndStillVerifies(h2);
  }

  @Test
  void aLogWrittenPerEventVerifiesAndReadsTheSameAfterTheMigrationOnPostgresql() throws Exception {
    PGSimpleDataSource postgres = new PGSimpleDataSource();
    postgres.setURL(EmbeddedPostgresServer.newDatabase());
    postgres.setUser("postgres");
    postgres.setPassword("postgres");
    migratesAndStillVerifies(postgres);
  }

  private void migratesAndStillVerifies(DataSource dataSource) throws Exception {
    SqlDialect dialect = AuditSchema.dialectOf(dataSource);
    Flyway.configure().dataSource(dataSource).locations(dialect.migrationLocation())
        .table(AuditSchema.HISTORY_TABLE).baselineOnMigrate(true).baselineVersion("0").target("8").load()
        .migrate();
    List<AuditEvent> firstRound = List.of(event("case-a", "KYC-1 é", EventType.PROCESS_STARTED),
        event("case-a", "KYC-1 é", EventType.TASK_COMPLETED), event("case-b", "KYC-2 \u2028 😀",
            EventType.PROCESS_STARTED));
    List<AuditEvent> secondRound = List.of(event("case-a", "KYC-1 é", EventType.PROCESS_COMPLETED),
        event("case-b", "KYC-2 \u2028 😀", EventType.VARIABLE_CREATED));
    List<AuditEvent> queued = List.of(event("case-c", "KYC-3", EventType.PROCESS_STARTED),
        event("case-c", "KYC-3", EventType.TASK_CREATED));
    AuditEvent neverSealed = event("case-d", "KYC-4", EventType.PROCESS_STARTED);
    List<String> rowsBefore;
    VerificationReport before;
    try (Connection connection = dataSource.getConnection()) {
      PerEventRows writer = new PerEventRows(connection);
      writer.insertEvents(firstRound);
      writer.seal(firstRound, Instant.parse("2026-01-12T09:31:00Z"), signer, ORIGIN);
      writer.insertEvents(secondRound);
      writer.seal(secondRound, Instant.parse("2026-01-12T09:32:00Z"), signer, ORIGIN);
      writer.insertEvents(queued);
      writer.queue(queued);
      writer.insertEvents(List.of(neverSealed));
      rowsBefore = rows(connection, "select " + EVENT_COLUMNS + " from audit_event order by event_id");
      before = verify(connection);
    }
    String orphan = "inserted event " + neverSealed.eventId() + ": the event is in the event table but was never"
        + " sealed into the log and is not waiting to be";
    assertThat(before.findings()).extracting(Finding::toString).containsExactly(orphan);
    assertThat(before.eventsChecked()).isEqualTo(5);
    assertThat(before.checkpointsChecked()).isEqualTo(2);

    AuditSchema.migrate(dataSource);

    try (Connection connection = dataSource.getConnection()) {
      assertThat(rows(connection, "select " + EVENT_COLUMNS + " from audit_event order by event_id"))
          .containsExactlyElementsOf(rowsBefore);
      VerificationReport after = verify(connection);
      assertThat(after).isEqualTo(before);
      // Every sealed case gets its tree from the old log, its summary still to be sealed.
      assertThat(rows(connection, "select trace_id, event_count, last_event_id, last_log_index from audit_trace_head"
          + " where summary_due order by trace_id")).containsExactly(
          "case-a | 3 | " + secondRound.get(0).eventId() + " | 3 | ",
          "case-b | 2 | " + secondRound.get(1).eventId() + " | 4 | ");
    }
    AuditStore store = AuditStore.open(dataSource);
    assertThat(store.events().trace("case-a")).extracting(EventStore.EventText::json)
        .containsExactlyElementsOf(PerEventRows.payloads(List.of(firstRound.get(0), firstRound.get(1),
            secondRound.get(0))));
    assertThat(store.events().traceOf("pi-case-b")).contains("case-b");

    Sequencer sequencer = new Sequencer(store, signer, new LogSettings(ORIGIN, "migration-test", null, null,
        Duration.ofSeconds(1), Duration.ofSeconds(1), 2000, List.of(), null, Duration.ofSeconds(1)),
        Clock.systemUTC());
    assertThat(sequencer.sealOnce(true)).isEqualTo(2);
    try (Connection connection = dataSource.getConnection()) {
      List<String> sealedIds = WholeLog.sealedEventIds(connection);
      List<EventStore.EventText> summaries = new ArrayList<>();
      for (String trace : List.of("case-a", "case-b", "case-c")) {
        summaries.addAll(store.events().traceSummaries(trace));
      }
      assertThat(sealedIds).containsExactly(firstRound.get(0).eventId(), firstRound.get(1).eventId(),
          firstRound.get(2).eventId(), secondRound.get(0).eventId(), secondRound.get(1).eventId(),
          queued.get(0).eventId(), queued.get(1).eventId(), summaries.get(0).eventId(), summaries.get(1).eventId(),
          summaries.get(2).eventId());
      assertThat(summaries).extracting(summary -> summaryOutput(summary.json())).containsExactly(
          summaryOf(List.of(firstRound.get(0), firstRound.get(1), secondRound.get(0)), 3),
          summaryOf(List.of(firstRound.get(2), secondRound.get(1)), 4),
          summaryOf(queued, 6));
      VerificationReport sealed = verify(connection);
      assertThat(sealed.findings()).extracting(Finding::toString).containsExactly(orphan);
      assertThat(sealed.eventsChecked()).isEqualTo(10);
      assertThat(sealed.checkpointsChecked()).isEqualTo(3);
      assertThat(sealed.unsignedEvents()).isZero();
    }
    assertThat(store.events().trace("case-c")).extracting(EventStore.EventText::json)
        .containsExactlyElementsOf(PerEventRows.payloads(queued));
  }

  private static String summaryOutput(String json) {
    try {
      return EventJson.mapper().readTree(json).get("output").toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What the trace summary of these events, the last sealed at a log index, must say. */
  private static String summaryOf(List<AuditEvent> events, long lastLogIndex) {
    List<byte[]> leaves = PerEventRows.payloads(events).stream()
        .map(json -> Rfc6962.leafHash(json.getBytes(StandardCharsets.UTF_8))).toList();
    // In canonical key order, as stored.
    return EventJson.mapper().createObjectNode().put("last_event_id", events.get(events.size() - 1).eventId())
        .put("last_log_index", lastLogIndex).put("trace_event_count", events.size())
        .put("trace_root", HexFormat.of().formatHex(new MerkleTree(leaves).root(events.size()))).toString();
  }

  private VerificationReport verify(Connection connection) throws Exception {
    return JdbcLogSource.verify(connection, null, new LogVerifier(List.of(signer.verifier())));
  }

  private static AuditEvent event(String trace, String businessKey, EventType type) {
    return new AuditEvent(EventIds.next(), trace, null, Instant.parse("2026-01-12T09:30:00Z"),
        Actor.user("mary", null), type,
        EventContext.builder().processInstanceId("pi-" + trace).businessKey(businessKey)
            .activityInstanceId("ai-" + UUID.randomUUID()).build(), null, null,
        EventJson.mapper().createObjectNode().put("decision", "approve " + businessKey), null, Outcome.SUCCESS,
        null);
  }

  /** Every row of a query, its columns joined, timestamps as instants so that both databases compare alike. */
  private static List<String> rows(Connection connection, String sql) throws Exception {
    List<String> rows = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement(sql); ResultSet result = query.executeQuery()) {
      ResultSetMetaData columns = result.getMetaData();
      while (result.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns.getColumnCount(); i++) {
          Object value = columns.getColumnName(i).equalsIgnoreCase("event_time")
              ? result.getObject(i, java.time.OffsetDateTime.class).toInstant() : result.getString(i);
          row.append(value).append(" | ");
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }
}
