package org.auditrail.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.auditrail.event.Actor;
import org.auditrail.event.AuditEvent;
import org.auditrail.event.EventContext;
import org.auditrail.event.EventIds;
import org.auditrail.event.EventJson;
import org.auditrail.event.EventType;
import org.auditrail.event.Outcome;
import org.auditrail.event.Snapshot;
import org.auditrail.seal.LogSettings;
import org.auditrail.seal.Sequencer;
import org.auditrail.store.AuditStore;
import org.auditrail.store.ContentBlob;
import org.auditrail.store.EventStore;
import org.auditrail.verify.NoteSigner;
import org.auditrail.verify.jdbc.JdbcLogSource;
import org.auditrail.verify.log.LogVerifier;
import org.auditrail.verify.log.VerificationReport;
import org.camunda.bpm.model.bpmn.Bpmn;

/**
 * Writes a log of realistic events to PostgreSQL, seals it with the production sequencer and verifies it with the
 * production verifier, and measures the throughput of each step.
 */
final class LogBenchmark {

  private static final int EVENTS_PER_COMMAND = 20;

  private LogBenchmark() {}

  static ObjectNode run(DataSource dataSource, int events) throws Exception {
    AuditStore store = AuditStore.open(dataSource);
    ObjectNode figures = EventJson.mapper().createObjectNode();
    figures.put("events", events);

    long started = System.nanoTime();
    long bytes = write(dataSource, store, events);
    figures.put("write_events_per_s", perSecond(events, started));
    figures.put("average_event_bytes", bytes / events);

    NoteSigner signer = NoteSigner.generate("bench", new SecureRandom());
    started = System.nanoTime();
    int rounds = sealAll(store, signer);
    figures.put("seal_events_per_s", perSecond(events, started));
    figures.put("seal_rounds", rounds);

    // Reading and checking are one streamed pass, so only their sum is measured. Its memory is bounded: run with
    // a small -Xmx (the machine figure names the heap) to see the log verify all the same.
    started = System.nanoTime();
    VerificationReport report;
    try (Connection connection = dataSource.getConnection()) {
      report = JdbcLogSource.verify(connection, null, new LogVerifier(List.of(signer.verifier())));
    }
    double verifySeconds = (System.nanoTime() - started) / 1e9;
    figures.put("verified", report.verified());
    figures.put("verify_seconds", round(verifySeconds));
    figures.put("verify_events_per_s", Math.round(events / verifySeconds));
    return figures;
  }

  /** Seals every waiting event with the production sequencer, checkpointing each round; answers the rounds. */
  static int sealAll(AuditStore store, NoteSigner signer) throws Exception {
    LogSettings settings = new LogSettings("bench.example/log", "bench", Path.of("unused"), null,
        Duration.ofMillis(200), Duration.ZERO, 2000, List.of(), null, Duration.ofSeconds(5));
    Sequencer sequencer = new Sequencer(store, signer, settings, Clock.systemUTC());
    int sealed;
    int rounds = 0;
    do {
      sealed = sequencer.sealOnce(false);
      rounds++;
    } while (sealed > 0);
    return rounds;
  }

  private static long write(DataSource dataSource, AuditStore store, int events) throws Exception {
    EventStore writer = store.events();
    // The events name their process definition's BPMN by hash, so it is stored too: the verifier reports a
    // referenced blob that is missing.
    ContentBlob bpmn = ContentBlob.utf8(Bpmn.convertToString(ReferenceProcess.model()), "application/xml");
    Snapshot snapshot = new Snapshot("amlAlertTriage:3:8f1c", "8f1c-deployment", "aml-alert-triage.bpmn",
        bpmn.sha256());
    long bytes = 0;
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      List<AuditEvent> batch = new ArrayList<>(1000);
      for (int n = 0; n < events; n++) {
        String caseId = "case-" + (n / 40);
        AuditEvent event = new AuditEvent(EventIds.next(), caseId, EventIds.next(),
            Instant.parse("2026-01-12T09:00:00Z").plusMillis(n), Actor.user("analyst-" + (n % 13), null),
            EventType.VARIABLE_UPDATED,
            EventContext.builder().processDefinition("amlAlertTriage:3:8f1c", "amlAlertTriage", 3)
                .processInstanceId(caseId).businessKey("AML-2026-" + (n / 40)).activity("triage", "Triage alert",
                    "userTask").activityInstanceId("triage:" + n).executionId(caseId).variableInstanceId("v-" + n)
                .build(), snapshot,
            EventJson.mapper().createObjectNode().put("name", "riskScore")
                .set("value", EventJson.mapper().createObjectNode().put("type", "long").put("value", n % 100)),
            EventJson.mapper().createObjectNode().put("name", "riskScore")
                .set("value", EventJson.mapper().createObjectNode().put("type", "long").put("value", (n + 7) % 100)),
            null, Outcome.SUCCESS, null);
        bytes += EventJson.canonicalBytes(event).length;
        batch.add(event);
        // A case of 40 events is written by two engine commands of 20, as a process's commands write them;
        // 50 commands are committed together.
        if (batch.size() == EVENTS_PER_COMMAND) {
          writer.append(connection, batch, n < EVENTS_PER_COMMAND ? List.of(bpmn) : List.of());
          batch.clear();
        }
        if ((n + 1) % 1000 == 0) {
          connection.commit();
        }
      }
      if (!batch.isEmpty()) {
        writer.append(connection, batch, List.of());
      }
      connection.commit();
    }
    return bytes;
  }

  private static long perSecond(long count, long startedNanos) {
    return Math.round(count / ((System.nanoTime() - startedNanos) / 1e9));
  }

  private static double round(double seconds) {
    return Math.round(seconds * 100) / 100.0;
  }
}
