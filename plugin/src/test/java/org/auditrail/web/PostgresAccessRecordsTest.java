package org.auditrail.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.SecureRandom;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.auditrail.MutableClock;
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
import org.auditrail.store.AuditStore;
import org.auditrail.store.EventCriteria;
import org.auditrail.verify.NoteSigner;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * On PostgreSQL: reads of case data are written in batches that commit before each read is answered, and failed
 * logins from one address beyond the burst become one aggregate event per window; both are sealed and verify.
 */
class PostgresAccessRecordsTest {

  private final NoteSigner signer = NoteSigner.generate("access-test", new SecureRandom());

  @Test
  void concurrentReadsAreCommittedInBatchesBeforeTheyAreAnsweredAndFailedLoginsAreAggregatedPerWindow()
      throws Exception {
    PGSimpleDataSource postgres = new PGSimpleDataSource();
    postgres.setURL(EmbeddedPostgresServer.newDatabase());
    postgres.setUser("postgres");
    postgres.setPassword("postgres");
    AuditStore store = AuditStore.open(postgres);

    List<AuditEvent> reads = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      reads.add(new AuditEvent(EventIds.next(), "pending", null, Instant.now(), Actor.user("audra", null),
          EventType.DATA_ACCESSED, EventContext.builder().processInstanceId("case-" + i).build(), null,
          EventJson.mapper().createObjectNode().put("path", "/engine-rest/history/variable-instance")
              .put("query", "processInstanceId=case-" + i), null, null, Outcome.SUCCESS, null));
    }
    try (DataAccessRecorder recorder = new DataAccessRecorder(store.events(), 20, 5, Duration.ofSeconds(10))) {
      ExecutorService readers = Executors.newFixedThreadPool(6);
      List<Future<?>> answered = new ArrayList<>();
      for (AuditEvent read : reads) {
        answered.add(readers.submit(() -> {
          assertThat(recorder.reserve()).isTrue();
          recorder.record(read);
          // Answered only now: the read's event must already be committed.
          assertThat(store.events().traceOf(read.context().processInstanceId())).isPresent();
          return null;
        }));
      }
      for (Future<?> read : answered) {
        read.get(20, TimeUnit.SECONDS);
      }
      readers.shutdown();
    }
    List<JsonNode> recorded = store.events().find(EventCriteria.ofTypes(EventType.DATA_ACCESSED));
    assertThat(recorded).extracting(event -> event.path("event_id").asText())
        .containsExactlyInAnyOrderElementsOf(reads.stream().map(AuditEvent::eventId).toList());
    try (Connection connection = postgres.getConnection()) {
      // At most five reads per written batch, each batch one command row: 12 reads in 3 to 12 rows.
      assertThat(WholeLog.count(connection, "select count(*) from audit_command")).isBetween(3L, 12L);
    }

    MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    try (AuthenticationFailures failures = new AuthenticationFailures(store.events(), 2, Duration.ofMinutes(1),
        clock)) {
      for (int i = 0; i < 5; i++) {
        failures.failed("mallory" + i, "203.0.113.7", "GET", "/engine-rest/history/process-instance");
      }
      clock.now = clock.now.plus(Duration.ofSeconds(61));
      failures.closeWindows();
    }
    List<JsonNode> failed = store.events().find(EventCriteria.ofTypes(EventType.AUTHENTICATION_FAILED));
    assertThat(failed).extracting(event -> event.path("output").path("count").asInt()).containsExactly(1, 1, 3);
    assertThat(failed).extracting(event -> event.path("input").path("user_id").asText(null))
        .containsExactly("mallory0", "mallory1", null);
    JsonNode aggregate = failed.get(2);
    assertThat(aggregate.path("input").toString()).isEqualTo("{\"address\":\"203.0.113.7\",\"paths\":"
        + "[\"/engine-rest/history/process-instance\"],\"user_ids\":[\"mallory2\",\"mallory3\",\"mallory4\"]}");
    assertThat(aggregate.path("output").path("window_start").asText()).isEqualTo("2026-12-01T10:00:00Z");
    assertThat(aggregate.path("output").path("window_end").asText()).isEqualTo("2026-12-01T10:01:00Z");

    Sequencer sequencer = new Sequencer(store, signer, new LogSettings("access.example/log", "access-test", null,
        null, Duration.ofSeconds(1), Duration.ofSeconds(1), 1000, List.of(), null, Duration.ofSeconds(1)),
        Clock.systemUTC());
    while (sequencer.sealOnce(true) > 0) {
      // Seal everything written.
    }
    try (Connection connection = postgres.getConnection()) {
      WholeLog.assertVerifies(connection, null, WholeLog.count(connection, "select count(*) from audit_event"),
          signer.verifier());
    }
  }
}
