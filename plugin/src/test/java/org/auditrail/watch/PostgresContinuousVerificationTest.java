package org.auditrail.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.auditrail.watch.SuperuserSql.single;
import static org.auditrail.watch.SuperuserSql.withTriggersOff;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.auditrail.EmbeddedPostgresServer;
import org.auditrail.autoconfigure.AuditWatchMetrics;
import org.auditrail.event.EventType;
import org.auditrail.seal.LogProofs;
import org.auditrail.seal.LogVerification;
import org.auditrail.seal.Sequencer;
import org.auditrail.store.AuditStore;
import org.auditrail.store.EventCriteria;
import org.auditrail.testapp.AuditTestApplication;
import org.auditrail.verify.log.Problem;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Continuous verification on the real engine and PostgreSQL, with the watch's own background schedule at one
 * second. Tests seal explicitly, so what the watch can see is known: it verifies up to the newest checkpoint, then
 * stays there (its own events wait unsealed) until the test seals again. The steps build on each other; the last
 * one tampers with the log for good.
 */
@SpringBootTest(classes = {AuditTestApplication.class, PostgresContinuousVerificationTest.Failures.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresContinuousVerificationTest {

  static final Duration INTERVAL = Duration.ofSeconds(1);

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    String jdbcUrl = EmbeddedPostgresServer.newDatabase();
    registry.add("spring.datasource.url", () -> jdbcUrl);
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "postgres");
    registry.add("audit.watch.verify-interval", INTERVAL::toString);
  }

  /** Collects the application events a failed run publishes, as alerting will. */
  @TestConfiguration
  static class Failures {
    final List<VerificationFailed> received = new CopyOnWriteArrayList<>();

    @EventListener
    void on(VerificationFailed failed) {
      received.add(failed);
    }
  }

  @Autowired DataSource dataSource;
  @Autowired AuditStore store;
  @Autowired Sequencer sequencer;
  @Autowired LogProofs proofs;
  @Autowired LogVerification verification;
  @Autowired LogWatch watch;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired Failures failures;

  long firstCheckpoint;
  long secondCheckpoint;

  @Test
  @Order(1)
  void aCleanRunRecordsVerificationCompletedWithTheRangeUpToTheNewestCheckpoint() throws Exception {
    runCase("watch-1");
    firstCheckpoint = sealAll();

    JsonNode run = awaitRun(output -> output.path("to_checkpoint_size").asLong() == firstCheckpoint);

    assertThat(run.path("outcome").asText()).isEqualTo("success");
    assertThat(run.path("error").isNull()).isTrue();
    assertThat(run.path("actor").path("id").asText()).isEqualTo("audit-watch");
    JsonNode output = run.path("output");
    assertThat(output.path("kind").asText()).isEqualTo("incremental");
    assertThat(output.path("result").asText()).isEqualTo("verified");
    assertThat(output.path("from_index").asLong()).isZero();
    assertThat(output.path("to_index").asLong()).isEqualTo(firstCheckpoint);
    assertThat(output.path("from_checkpoint_size").asLong()).isZero();
    assertThat(output.path("events_checked").asLong()).isEqualTo(firstCheckpoint);
    assertThat(output.path("anchors_checked").asLong()).isEqualTo(1);
    assertThat(output.path("problems")).isEmpty();
    assertThat(store.verifiedCheckpoints().latest()).get()
        .satisfies(verified -> assertThat(verified.treeSize()).isEqualTo(firstCheckpoint));
    assertThat(gauge("audit.watch.degraded")).isZero();
    assertThat(gauge("audit.watch.verified.age")).isBetween(0.0, 5.0);
  }

  @Test
  @Order(2)
  void theNextIncrementalRunStartsFromTheLastVerifiedCheckpoint() throws Exception {
    runCase("watch-2");
    secondCheckpoint = sealAll();

    JsonNode output = awaitRun(o -> o.path("to_checkpoint_size").asLong() == secondCheckpoint).path("output");

    assertThat(output.path("result").asText()).isEqualTo("verified");
    assertThat(output.path("from_checkpoint_size").asLong()).isEqualTo(firstCheckpoint);
    assertThat(output.path("from_index").asLong()).isEqualTo(firstCheckpoint);
    assertThat(output.path("to_index").asLong()).isEqualTo(secondCheckpoint);
    assertThat(output.path("events_checked").asLong()).isEqualTo(secondCheckpoint - firstCheckpoint);
  }

  @Test
  @Order(3)
  void aRestartedWatchContinuesFromTheCheckpointKeptInTheDatabase() {
    try (LogWatch restarted = new LogWatch(store, proofs, verification, null, null, null, failed -> {},
        Clock.systemUTC())) {
      assertThat(restarted.lastVerifiedAt()).isNotNull();

      VerificationRun run = restarted.verifyIncrementally().orElseThrow();

      assertThat(run.verified()).isTrue();
      assertThat(run.fromCheckpointSize()).isEqualTo(secondCheckpoint);
      assertThat(run.toCheckpointSize()).isEqualTo(secondCheckpoint);
      assertThat(run.eventsChecked()).isZero();
    }
  }

  @Test
  @Order(4)
  void theFullRunStreamsTheWholeLogIncludingTheWatchsOwnEvents() throws Exception {
    long size = sealAll();
    assertThat(size).isGreaterThan(secondCheckpoint);

    VerificationRun run = watch.verifyFully();

    assertThat(run.kind()).isEqualTo(VerificationKind.FULL);
    assertThat(run.problems()).isEmpty();
    assertThat(run.fromIndex()).isZero();
    assertThat(run.toIndex()).isEqualTo(size);
    assertThat(run.toCheckpointSize()).isEqualTo(size);
    assertThat(run.eventsChecked()).isEqualTo(size);
    JsonNode output = awaitRun(o -> o.path("kind").asText().equals("full")).path("output");
    assertThat(output.path("result").asText()).isEqualTo("verified");
    assertThat(output.path("to_index").asLong()).isEqualTo(size);
    assertThat(store.verifiedCheckpoints().latest()).get()
        .satisfies(verified -> assertThat(verified.treeSize()).isEqualTo(size));
  }

  @Test
  @Order(5)
  void anEventTamperedWithInTheDatabaseRaisesVerificationFailedWithinOneInterval() throws Exception {
    long verified = store.verifiedCheckpoints().latest().orElseThrow().treeSize();
    ProcessInstance instance = runCase("watch-3");
    String tampered = single(dataSource, "select event_id from audit_business_key_events('watch-3')"
        + " where event_type = 'task_completed'");
    String payload = single(dataSource, "select payload from audit_trail('" + instance.getId() + "') where event_id = '"
        + tampered + "'");
    withTriggersOff(dataSource, "update audit_command set events = replace(events, $f$" + payload + "$f$, $t$"
        + payload.replace("\"outcome\":\"success\"", "\"outcome\":\"escalated\"") + "$t$) where command_id ="
        + " (select command_id from audit_trail('" + instance.getId() + "') where event_id = '" + tampered + "')");
    long size = sealAll();
    long sealedAt = System.nanoTime();

    JsonNode run = awaitRun(o -> o.path("result").asText().equals("failed"));

    assertThat(Duration.ofNanos(System.nanoTime() - sealedAt)).isLessThan(INTERVAL.plusSeconds(2));
    assertThat(run.path("outcome").asText()).isEqualTo("error");
    assertThat(run.path("error").path("type").asText()).isEqualTo("verification_failed");
    JsonNode output = run.path("output");
    assertThat(output.path("kind").asText()).isEqualTo("incremental");
    assertThat(output.path("from_checkpoint_size").asLong()).isEqualTo(verified);
    assertThat(output.path("to_checkpoint_size").asLong()).isEqualTo(size);
    assertThat(output.path("problems")).hasSize(1);
    JsonNode problem = output.path("problems").get(0);
    assertThat(problem.path("problem").asText()).isEqualTo("modified");
    assertThat(problem.path("event_id").asText()).isEqualTo(tampered);
    assertThat(problem.path("log_index").asLong()).isBetween(verified, size - 1);
    assertThat(problem.path("detail").asText()).startsWith("the stored event hashes to leaf ");

    assertThat(failures.received).isNotEmpty();
    VerificationFailed failed = failures.received.get(0);
    assertThat(failed.eventId()).isEqualTo(run.path("event_id").asText());
    assertThat(failed.kind()).isEqualTo(VerificationKind.INCREMENTAL);
    assertThat(failed.run().fromCheckpointSize()).isEqualTo(verified);
    assertThat(failed.run().toCheckpointSize()).isEqualTo(size);
    assertThat(failed.problems()).singleElement().satisfies(finding -> {
      assertThat(finding.problem()).isEqualTo(Problem.MODIFIED);
      assertThat(finding.eventId()).isEqualTo(tampered);
    });
    assertThat(gauge("audit.watch.degraded")).isEqualTo(1.0);
    // The failed range is not taken as verified: the next run starts from the same checkpoint again.
    assertThat(store.verifiedCheckpoints().latest().orElseThrow().treeSize()).isEqualTo(verified);
  }

  private ProcessInstance runCase(String businessKey) {
    ProcessInstance instance = runtimeService.startProcessInstanceByKey("rollbackCase", businessKey,
        Map.of("fail", false));
    taskService.complete(taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult().getId());
    return instance;
  }

  /** Seals everything waiting and signs a checkpoint; answers its size. */
  private long sealAll() throws Exception {
    sequencer.sealOnce(true);
    while (sequencer.sealOnce(true) > 0) {
      // Seal until nothing waits, trace summaries included.
    }
    return proofs.latestCheckpoint().orElseThrow().treeSize();
  }

  /** The newest verification_completed event whose output matches, waiting for the watch's background runs. */
  private JsonNode awaitRun(Predicate<JsonNode> output) throws Exception {
    long deadline = System.nanoTime() + INTERVAL.plusSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      List<JsonNode> runs = store.events().find(EventCriteria.ofTypes(EventType.VERIFICATION_COMPLETED));
      for (int i = runs.size() - 1; i >= 0; i--) {
        if (output.test(runs.get(i).path("output"))) {
          return runs.get(i);
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no verification_completed event as expected within " + INTERVAL.plusSeconds(10));
  }

  private double gauge(String name) {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    new AuditWatchMetrics(watch, Clock.systemUTC()).bindTo(registry);
    return registry.get(name).gauge().value();
  }
}
