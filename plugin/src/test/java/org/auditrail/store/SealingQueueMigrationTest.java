package org.auditrail.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
import org.auditrail.verify.NoteSigner;
import org.auditrail.verify.log.VerificationReport;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Events queued one row each before migration V6 are carried over with the leaf the log would compute from the
 * stored event, and sealed into a log that verifies: on both databases, since each computes the leaf in SQL.
 */
class SealingQueueMigrationTest {

  @Test
  void eventsQueuedBeforeV6AreSealedIntoALogThatVerifiesOnH2() throws Exception {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:queue-migration-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    queuedBeforeV6AreSealedAndVerify(h2);
  }

  @Test
  void eventsQueuedBeforeV6AreSealedIntoALogThatVerifiesOnPostgresql() throws Exception {
    PGSimpleDataSource postgres = new PGSimpleDataSource();
    postgres.setURL(EmbeddedPostgresServer.newDatabase());
    postgres.setUser("postgres");
    postgres.setPassword("postgres");
    queuedBeforeV6AreSealedAndVerify(postgres);
  }

  private static void queuedBeforeV6AreSealedAndVerify(DataSource dataSource) throws Exception {
    SqlDialect dialect = AuditSchema.dialectOf(dataSource);
    Flyway.configure().dataSource(dataSource).locations(dialect.migrationLocation())
        .table(AuditSchema.HISTORY_TABLE).baselineOnMigrate(true).baselineVersion("0").target("5").load()
        .migrate();
    List<AuditEvent> events = List.of(event("KYC-1 é"), event("KYC-2 \u2028 😀"), event("KYC-3"));
    try (Connection connection = dataSource.getConnection()) {
      queueAsV5Did(connection, dialect, events);
    }

    AuditSchema.migrate(dataSource);
    assertThat(count(dataSource, "select count(*) from audit_unsealed")).isEqualTo(3);
    NoteSigner signer = NoteSigner.generate("migration-test", new SecureRandom());
    Sequencer sequencer = new Sequencer(AuditStore.open(dataSource), signer, new LogSettings("test.example/log",
        "migration-test", null, null, Duration.ofSeconds(1), Duration.ofSeconds(1), 2000, List.of(), null,
        Duration.ofSeconds(1)), Clock.systemUTC());

    assertThat(sequencer.sealOnce(true)).isEqualTo(3);
    assertThat(count(dataSource, "select count(*) from audit_unsealed")).isZero();
    try (Connection connection = dataSource.getConnection()) {
      // The three events, and the summaries of their three traces.
      VerificationReport report = WholeLog.assertVerifies(connection, null, 6, signer.verifier());
      assertThat(WholeLog.assertSealedExactlyOnce(connection)).isEqualTo(6);
      assertThat(report.checkpointsChecked()).isEqualTo(1);
    }
  }

  private static AuditEvent event(String businessKey) {
    return new AuditEvent(EventIds.next(), "trace-" + businessKey, null, Instant.parse("2026-01-12T09:30:00Z"),
        Actor.user("mary", null), EventType.TASK_COMPLETED,
        EventContext.builder().processInstanceId("pi-" + businessKey).businessKey(businessKey).build(), null, null,
        EventJson.mapper().createObjectNode().put("decision", "approve " + businessKey), null, Outcome.SUCCESS,
        null);
  }

  /** What the writer did up to schema version 5: the event rows, and each event's id alone in the queue. */
  private static void queueAsV5Did(Connection connection, SqlDialect dialect, List<AuditEvent> events)
      throws Exception {
    new PerEventRows(connection).insertEvents(events);
    try (PreparedStatement queue = connection.prepareStatement("insert into audit_unsealed (event_id) values (?)")) {
      for (AuditEvent event : events) {
        queue.setString(1, event.eventId());
        queue.executeUpdate();
      }
    }
  }

  private static long count(DataSource dataSource, String sql) throws Exception {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
