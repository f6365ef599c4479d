package org.auditrail.seal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.sql.DataSource;
import org.auditrail.WholeLog;
import org.auditrail.event.Actor;
import org.auditrail.event.AuditEvent;
import org.auditrail.event.EventContext;
import org.auditrail.event.EventIds;
import org.auditrail.event.EventJson;
import org.auditrail.event.EventType;
import org.auditrail.event.Outcome;
import org.auditrail.store.AuditStore;
import org.auditrail.store.EventCriteria;
import org.auditrail.store.EventStore;
import org.auditrail.verify.MerkleTree;
import org.auditrail.verify.NoteSigner;
import org.auditrail.verify.Rfc6962;
import org.auditrail.verify.jdbc.JdbcLogSource;
import org.auditrail.verify.log.LogVerifier;
import org.auditrail.verify.log.VerificationReport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each sealing round seals, after its events, a {@code trace_sealed} summary of every trace it touched: the size and
 * root of the Merkle tree over the trace's own leaves in log order; on H2 and PostgreSQL.
 */
abstract class TraceSummaryContract {

  private static final Instant RECORDED = Instant.parse("2026-01-12T09:30:00Z");
  private static final Instant NOW = Instant.parse("2026-01-12T09:31:00Z");

  private final NoteSigner signer = NoteSigner.generate("trace-test", new SecureRandom());
  private DataSource dataSource;
  private AuditStore store;
  private Sequencer sequencer;

  /** A new, empty database. */
  abstract DataSource newDatabase();

  @BeforeEach
  void openStore() {
    dataSource = newDatabase();
    store = AuditStore.open(dataSource);
    sequencer = new Sequencer(store, signer, new LogSettings("trace.example/log", "trace-test", null, null,
        Duration.ofMillis(50), Duration.ofHours(1), 1000, List.of(), null, Duration.ofSeconds(1)),
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void eachRoundSealsASummaryOfEveryTraceItTouchedAfterItsEvents() throws Exception {
    List<AuditEvent> caseA = new ArrayList<>(record("case-a", 3));
    List<AuditEvent> caseB = record("case-b", 2);
    assertThat(sequencer.sealOnce(true)).isEqualTo(5);
    caseA.addAll(record("case-a", 2));
    assertThat(sequencer.sealOnce(true)).isEqualTo(2);

    List<EventStore.EventText> summariesA = store.events().traceSummaries("case-a");
    List<EventStore.EventText> summariesB = store.events().traceSummaries("case-b");
    assertThat(summariesA).hasSize(2);
    assertThat(summariesB).hasSize(1);
    try (Connection connection = dataSource.getConnection()) {
      assertThat(WholeLog.sealedEventIds(connection)).containsExactly(caseA.get(0).eventId(),
          caseA.get(1).eventId(), caseA.get(2).eventId(), caseB.get(0).eventId(), caseB.get(1).eventId(),
          summariesA.get(0).eventId(), summariesB.get(0).eventId(), caseA.get(3).eventId(),
          caseA.get(4).eventId(), summariesA.get(1).eventId());
    }
    assertThat(output(summariesA.get(0))).isEqualTo(summaryOf(caseA.subList(0, 3), 2));
    assertThat(output(summariesB.get(0))).isEqualTo(summaryOf(caseB, 4));
    assertThat(output(summariesA.get(1))).isEqualTo(summaryOf(caseA, 8));
    JsonNode summary = EventJson.mapper().readTree(summariesA.get(1).json());
    assertThat(summary.get("event_type").asText()).isEqualTo("trace_sealed");
    assertThat(summary.get("trace_id").asText()).isEqualTo("case-a");
    assertThat(summary.get("actor").toString())
        .isEqualTo("{\"id\":\"audit-log-sequencer\",\"run_id\":null,\"type\":\"system\"}");
    assertThat(summary.get("timestamp").asText()).isEqualTo("2026-01-12T09:31:00.000Z");
    try (Connection connection = dataSource.getConnection()) {
      VerificationReport report = JdbcLogSource.verify(connection, null, new LogVerifier(List.of(signer.verifier())));
      assertThat(report.findings()).isEmpty();
      assertThat(report.eventsChecked()).isEqualTo(10);
    }
  }

  @Test
  void aCaseTrailAndEventQueriesLeaveTheSummariesOutUnlessAskedForByType() throws Exception {
    List<AuditEvent> caseA = record("case-a", 2);
    sequencer.sealOnce(true);

    assertThat(store.events().trace("case-a")).extracting(EventStore.EventText::eventId)
        .containsExactly(caseA.get(0).eventId(), caseA.get(1).eventId());
    assertThat(store.events().page(EventCriteria.ofTypes(), 0, 10).total()).isEqualTo(2);
    assertThat(store.events().page(EventCriteria.ofTypes(EventType.TRACE_SEALED), 0, 10).events())
        .containsExactly(store.events().traceSummaries("case-a").get(0).json());
  }

  @Test
  void aRoundWithoutEventsSealsNoSummary() throws Exception {
    record("case-a", 1);
    sequencer.sealOnce(true);
    assertThat(sequencer.sealOnce(true)).isZero();

    assertThat(store.events().traceSummaries("case-a")).hasSize(1);
    try (Connection connection = dataSource.getConnection()) {
      assertThat(WholeLog.sealedEventIds(connection)).hasSize(2);
    }
  }

  /** Records events of a trace as one command row, and answers them. */
  private List<AuditEvent> record(String trace, int events) throws SQLException {
    List<AuditEvent> recorded = new ArrayList<>();
    for (int i = 0; i < events; i++) {
      recorded.add(new AuditEvent(EventIds.next(), trace, null, RECORDED, Actor.user("mary", null),
          EventType.TASK_COMPLETED, EventContext.builder().processInstanceId(trace).build(), null, null,
          EventJson.mapper().createObjectNode().put("decision", "approve " + i), null, Outcome.SUCCESS, null));
    }
    store.events().appendDetached(recorded, List.of());
    return recorded;
  }

  private static String output(EventStore.EventText summary) {
    try {
      return EventJson.mapper().readTree(summary.json()).get("output").toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What the summary of these events of a trace, its last sealed at a log index, must say. */
  private static String summaryOf(List<AuditEvent> events, long lastLogIndex) {
    List<byte[]> leaves = events.stream().map(event -> Rfc6962.leafHash(EventJson.canonical(event)
        .getBytes(StandardCharsets.UTF_8))).toList();
    // In canonical key order, as stored.
    return EventJson.mapper().createObjectNode().put("last_event_id", events.get(events.size() - 1).eventId())
        .put("last_log_index", lastLogIndex).put("trace_event_count", events.size())
        .put("trace_root", HexFormat.of().formatHex(new MerkleTree(leaves).root(events.size()))).toString();
  }
}
