package org.auditrail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.auditrail.WholeLog.count;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.auditrail.autoconfigure.AuditLogMetrics;
import org.auditrail.seal.Sequencer;
import org.auditrail.store.AuditStorageException;
import org.auditrail.testapp.AuditTestApplication;
import org.auditrail.verify.NoteSigner;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The database goes away for a while under a running node. The engine's commands fail as they would without the
 * plugin, and leave nothing behind, neither Camunda rows nor audit events; the sequencer says that sealing fails
 * instead of failing silently; once the database is back, the pool reconnects on its own, commands succeed again,
 * and sealing catches up: every committed event is sealed exactly once into a log that verifies.
 */
class DatabaseOutageTest {

  static final Duration PATIENCE = Duration.ofSeconds(20);

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void commandsFailDuringAnOutageWithoutTraceAndSealingResumesAfterIt() throws Exception {
    String url = EmbeddedPostgresServer.newDatabase();
    String key = Path.of("target", "test-keys", "outage-" + System.nanoTime() + ".pem").toString();
    String anchors = Path.of("target", "test-anchors", "outage-" + System.nanoTime()).toString();
    try (DatabaseLink link = new DatabaseLink(url);
        ConfigurableApplicationContext node = node(link.url(), key, anchors);
        Connection direct = DriverManager.getConnection(url, "postgres", "postgres")) {
      ProcessEngine engine = node.getBean(ProcessEngine.class);
      RuntimeService runtime = engine.getRuntimeService();
      TaskService tasks = engine.getTaskService();
      Sequencer sequencer = node.getBean(Sequencer.class);
      SimpleMeterRegistry metrics = new SimpleMeterRegistry();
      node.getBean(AuditLogMetrics.class).bindTo(metrics);
      List<String> approved = new ArrayList<>();
      List<String> booked = new ArrayList<>();

      for (int i = 0; i < 3; i++) {
        approved.add(approve(runtime, tasks, "before-" + i));
      }
      String interrupted = runtime.startProcessInstanceByKey("rollbackCase", "interrupted",
          Map.of("fail", false)).getId();
      for (int i = 0; i < 2; i++) {
        booked.add(book(runtime, "before-job-" + i));
      }
      // No job may be locked when the link is cut: its lock would outlast the test.
      await("the job executor finishes the bookings", () -> finished(direct, booked));
      await("the events before the outage are sealed", () -> unsealed(direct) == 0);
      assertThat(sequencer.status().degraded()).isFalse();

      link.cut();
      try {
        await("the sequencer reports the outage", () -> sequencer.status().degraded());
        // The cause itself, not what a rollback on the broken connection says ("Connection is closed").
        assertThat(sequencer.status().sealingFailure())
            .containsAnyOf("An I/O error occurred", "Connection is not available");
        assertThat(metrics.get("audit.log.degraded").gauge().value()).isEqualTo(1.0);

        assertConnectionFailure(catchThrowable(() -> runtime.startProcessInstanceByKey("rollbackCase",
            "during", Map.of("fail", false))));
        assertConnectionFailure(catchThrowable(() -> runtime.startProcessInstanceByKey("fragileBooking",
            "during-job", Map.of("fail", false))));
        assertConnectionFailure(catchThrowable(() -> tasks.complete(taskOf(direct, interrupted))));
      } finally {
        link.restore();
      }

      await("sealing recovers on its own", () -> !sequencer.status().degraded());
      tasks.complete(taskOf(direct, interrupted));
      approved.add("interrupted");
      for (int i = 0; i < 3; i++) {
        approved.add(approve(runtime, tasks, "after-" + i));
      }
      for (int i = 0; i < 2; i++) {
        booked.add(book(runtime, "after-job-" + i));
      }
      await("the job executor finishes the bookings", () -> finished(direct, booked));
      await("every event is sealed", () -> unsealed(direct) == 0 && !sequencer.status().degraded());
      assertThat(metrics.get("audit.log.degraded").gauge().value()).isZero();

      for (String businessKey : approved) {
        assertThat(eventTypes(direct, businessKey)).as("events of %s", businessKey)
            .containsEntry("process_started", 1L).containsEntry("task_created", 1L)
            .containsEntry("task_completed", 1L).containsEntry("activity_completed", 5L)
            .containsEntry("process_completed", 1L);
      }
      for (String businessKey : booked) {
        assertThat(eventTypes(direct, businessKey)).as("events of %s", businessKey)
            .containsEntry("process_started", 1L).containsEntry("job_created", 1L)
            .containsEntry("job_succeeded", 1L).containsEntry("process_completed", 1L)
            .doesNotContainKey("job_failed");
      }
      assertThat(count(direct, "select count(*) from act_hi_procinst where business_key_ in ('during', 'during-job')"))
          .isZero();
      assertThat(count(direct, "select count(*) from audit_event where business_key in ('during', 'during-job')"))
          .isZero();

      long events = WholeLog.assertSealedExactlyOnce(direct);

      // The background round may hold the sealing role for a moment; then the forced checkpoint waits a round.
      await("a checkpoint covers the whole log", () -> {
        sequencer.sealOnce(true);
        return count(direct, "select max(tree_size) from audit_checkpoint") == events;
      });
      WholeLog.assertVerifies(direct, Path.of(anchors), events, node.getBean(NoteSigner.class).verifier());
    }
  }

  /**
   * The failure is the engine's own, from its connection, as without the plugin: Spring's
   * CannotCreateTransactionException when the pool has no connection to give, or the engine's persistence
   * exception when a pooled connection breaks under the command. Not one the plugin raised, and not swallowed.
   */
  private static void assertConnectionFailure(Throwable failure) {
    assertThat(failure).as("a command while the database is away").isNotNull();
    List<Throwable> chain = new ArrayList<>();
    for (Throwable cause = failure; cause != null && !chain.contains(cause); cause = cause.getCause()) {
      chain.add(cause);
    }
    assertThat(chain).as("causes of %s", failure).anyMatch(SQLException.class::isInstance)
        .noneMatch(AuditStorageException.class::isInstance);
  }

  /** A case through its user task to its end; returns its business key. */
  private static String approve(RuntimeService runtime, TaskService tasks, String businessKey) {
    String instance = runtime.startProcessInstanceByKey("rollbackCase", businessKey, Map.of("fail", false)).getId();
    tasks.complete(tasks.createTaskQuery().processInstanceId(instance).singleResult().getId());
    return businessKey;
  }

  /** A booking the job executor completes; returns its business key. */
  private static String book(RuntimeService runtime, String businessKey) {
    runtime.startProcessInstanceByKey("fragileBooking", businessKey, Map.of("fail", false));
    return businessKey;
  }

  private static ConfigurableApplicationContext node(String url, String key, String anchors) {
    return new SpringApplicationBuilder(AuditTestApplication.class).web(WebApplicationType.NONE).run(
        "--spring.application.name=outage",
        "--camunda.bpm.process-engine-name=outage",
        "--spring.datasource.url=" + url,
        "--spring.datasource.username=postgres",
        "--spring.datasource.password=postgres",
        "--camunda.bpm.job-execution.enabled=true",
        "--camunda.bpm.job-execution.max-wait=1000",
        "--audit.log.sealing-enabled=true",
        "--audit.log.seal-interval=50ms",
        "--audit.log.checkpoint-interval=200ms",
        "--audit.log.signing-key=" + key,
        "--audit.log.anchor-directory=" + anchors);
  }

  private static void await(String what, Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.call()) {
      assertThat(System.nanoTime()).as("waiting until %s", what).isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  private static boolean finished(Connection direct, List<String> businessKeys) throws SQLException {
    try (PreparedStatement select = direct.prepareStatement(
        "select count(*) from act_hi_procinst where business_key_ = any (?) and end_time_ is not null")) {
      select.setArray(1, direct.createArrayOf("varchar", businessKeys.toArray()));
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return row.getLong(1) == businessKeys.size();
      }
    }
  }

  private static long unsealed(Connection direct) throws SQLException {
    return count(direct, "select count(*) from audit_unsealed");
  }

  private static String taskOf(Connection direct, String instance) throws SQLException {
    return single(direct, "select id_ from act_ru_task where proc_inst_id_ = ?", instance);
  }

  private static Map<String, Long> eventTypes(Connection direct, String businessKey) throws SQLException {
    Map<String, Long> types = new TreeMap<>();
    try (PreparedStatement select = direct.prepareStatement("select event_type, count(*) from audit_event"
        + " where business_key = ? group by event_type")) {
      select.setString(1, businessKey);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          types.put(rows.getString(1), rows.getLong(2));
        }
      }
    }
    return types;
  }

  private static String single(Connection direct, String sql, String parameter) throws SQLException {
    try (PreparedStatement select = direct.prepareStatement(sql)) {
      select.setString(1, parameter);
      try (ResultSet row = select.executeQuery()) {
        assertThat(row.next()).as("a row of %s for %s", sql, parameter).isTrue();
        return row.getString(1);
      }
    }
  }

}
