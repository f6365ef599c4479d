package org.auditrail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.auditrail.WholeLog.count;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.auditrail.seal.Sequencer;
import org.auditrail.testapp.AuditTestApplication;
import org.auditrail.verify.NoteSigner;
import org.auditrail.verify.log.VerificationReport;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A node is killed with SIGKILL in the middle of its workload and of sealing, and restarted, several times; a last
 * node then catches up. Every committed engine transaction must still have its audit events (checked against
 * Camunda's own history, which commits in the same transactions), every event must be sealed exactly once, and the
 * whole log must verify.
 */
class CrashRecoveryTest {

  static final int KILLS = 3;
  static final Path OUTPUT = Path.of("target", "crash-recovery").toAbsolutePath();
  /** The sequencer's PostgreSQL advisory lock ({@code Sequencer.SEALING_LOCK}): held exactly while sealing. */
  static final long SEALING_LOCK = 0x415544_49544C4FL;
  static final String SEALING_AND_OPEN_TRANSACTIONS = "select"
      + " (select count(*) from pg_locks where locktype = 'advisory' and granted"
      + " and ((classid::bigint << 32) | objid::bigint) = " + SEALING_LOCK + "),"
      + " (select count(*) from pg_stat_activity where datname = current_database()"
      + " and pid <> pg_backend_pid() and xact_start is not null)";

  @Test
  void killedNodesLoseNoCommittedEventAndSealNoneTwice() throws Exception {
    long started = System.nanoTime();
    String url = EmbeddedPostgresServer.newDatabase();
    String run = "run-" + System.nanoTime();
    Path key = OUTPUT.resolve(run + "-key.pem");
    Path anchors = OUTPUT.resolve(run + "-anchors");
    Files.createDirectories(OUTPUT);
    List<String> settings = List.of(
        "--spring.datasource.url=" + url,
        "--spring.datasource.username=postgres",
        "--spring.datasource.password=postgres",
        "--audit.log.sealing-enabled=true",
        "--audit.log.seal-interval=5ms",
        "--audit.log.batch-size=5",
        "--audit.log.checkpoint-interval=50ms",
        "--audit.log.signing-key=" + key,
        "--audit.log.anchor-directory=" + anchors,
        "--camunda.bpm.job-execution.enabled=true",
        // Jobs a killed node had locked become due again soon, for the next node to run.
        "--camunda.bpm.job-execution.lock-time-in-millis=3000",
        "--camunda.bpm.job-execution.wait-time-in-millis=100",
        "--camunda.bpm.job-execution.max-wait=500");

    int killedWhileSealing = 0;
    long openTransactionsKilled = 0;
    long leftUnsealed = 0;
    try (Connection db = DriverManager.getConnection(url, "postgres", "postgres")) {
      for (int kill = 0; kill < KILLS; kill++) {
        long entriesBefore = rowsIn(db, "audit_log_batch");
        long instancesBefore = rowsIn(db, "act_hi_procinst");
        Path log = OUTPUT.resolve(run + "-node-" + kill + ".log");
        Process node = startNode(settings, "crashing-" + kill, log);
        try {
          awaitMidWork(db, node, log, entriesBefore, instancesBefore);
          Thread.sleep(500 + kill * 1000L);
          long[] atKill = awaitSealing(db);
          node.destroyForcibly();
          assertThat(node.waitFor(20, TimeUnit.SECONDS)).as("the killed node is gone").isTrue();
          assertThat(node.exitValue()).as("exit status of SIGKILL").isEqualTo(128 + 9);
          killedWhileSealing += atKill[0] > 0 ? 1 : 0;
          openTransactionsKilled += atKill[1];
          leftUnsealed += count(db, "select count(*) from audit_unsealed");
        } finally {
          if (node.isAlive()) {
            node.destroyForcibly();
            node.waitFor(20, TimeUnit.SECONDS);
          }
        }
      }
    }

    List<String> survivorArguments = new ArrayList<>(settings);
    survivorArguments.add("--spring.application.name=survivor");
    try (ConfigurableApplicationContext survivor = new SpringApplicationBuilder(AuditTestApplication.class)
        .web(WebApplicationType.NONE).run(survivorArguments.toArray(String[]::new))) {
      DataSource dataSource = survivor.getBean(DataSource.class);
      try (Connection db = dataSource.getConnection()) {
        awaitZero(db, "select count(*) from act_ru_job where retries_ > 0", 30_000);
        awaitZero(db, "select count(*) from audit_unsealed", 20_000);
        signWholeLog(db, survivor.getBean(Sequencer.class));

        assertThat(count(db, "select count(*) from audit_unsealed")).isZero();
        long events = WholeLog.assertSealedExactlyOnce(db);
        assertThat(count(db, "select count(*) from audit_event where event_type = 'capture_failed'")).isZero();

        long instances = assertEveryCommittedTransactionHasItsEvents(db);

        VerificationReport report = WholeLog.assertVerifies(db, anchors, events,
            survivor.getBean(NoteSigner.class).verifier());
        assertThat(report.unsignedEvents()).isZero();

        System.out.printf("crash recovery: %d kills (%d with the sealing lock held, %d open transactions cut,"
            + " %d committed events left unsealed, %d anchor writes cut), %d process instances, %d events,"
            + " %d sealed, %d checkpoints, %.1f s%n", KILLS, killedWhileSealing, openTransactionsKilled, leftUnsealed,
            interruptedAnchorWrites(anchors), instances, events, events,
            count(db, "select count(*) from audit_checkpoint"), (System.nanoTime() - started) / 1e9);
      }
    }
  }

  /** A node in a JVM of its own, so that it can be killed without a chance to clean up. */
  private static Process startNode(List<String> settings, String name, Path log) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-cp", classPath(),
        CrashingNode.class.getName(),
        "--spring.application.name=" + name));
    command.addAll(settings);
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /**
   * This JVM's class path without empty entries: Surefire ends it with a separator, which would put the working
   * directory on the node's class path and make Camunda deploy every BPMN file twice (from src and target).
   */
  private static String classPath() {
    return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.isEmpty()).collect(Collectors.joining(File.pathSeparator));
  }

  /**
   * Waits until the node is demonstrably in the middle of its work: it has started cases and sealed events since it
   * started, and committed events are still waiting to be sealed.
   */
  private static void awaitMidWork(Connection db, Process node, Path log, long entriesBefore, long instancesBefore)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      assertThat(node.isAlive()).as("node died on its own; its output:%n%s", tail(log)).isTrue();
      if (rowsIn(db, "audit_log_batch") > entriesBefore && rowsIn(db, "act_hi_procinst") > instancesBefore + 10
          && rowsIn(db, "audit_unsealed") > 0) {
        return;
      }
      assertThat(System.nanoTime()).as("node did not get to work in time; its output:%n%s", tail(log))
          .isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  /**
   * Waits briefly for a moment when a sealing transaction is open, and returns whether it was (1 or 0) and how many
   * transactions were open then.
   */
  private static long[] awaitSealing(Connection db) throws SQLException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    long[] state;
    do {
      try (Statement statement = db.createStatement();
          ResultSet row = statement.executeQuery(SEALING_AND_OPEN_TRANSACTIONS)) {
        row.next();
        state = new long[] {row.getLong(1), row.getLong(2)};
      }
    } while (state[0] == 0 && System.nanoTime() < deadline);
    return state;
  }

  /** Seals until a signed checkpoint covers the whole log; the background sequencer may take some rounds. */
  private static void signWholeLog(Connection db, Sequencer sequencer) throws Exception {
    for (int round = 0; round < 100; round++) {
      sequencer.sealOnce(true);
      if (count(db, "select coalesce(max(tree_size), 0) from audit_checkpoint")
          == count(db, "select count(*) from audit_event")) {
        return;
      }
      Thread.sleep(50);
    }
  }

  /**
   * Compares, per process instance, what Camunda's history tables say happened with the audit events; both
   * commit in the same engine transactions, so neither may have a row the other lacks. Returns the number of
   * process instances.
   */
  private static long assertEveryCommittedTransactionHasItsEvents(Connection db) throws SQLException {
    String taskId = "payload::jsonb -> 'context' ->> 'task_id'";
    String jobId = "payload::jsonb -> 'context' ->> 'job_id'";
    String incidentId = "payload::jsonb -> 'context' ->> 'incident_id'";
    String deploymentId = "payload::jsonb -> 'context' ->> 'deployment_id'";
    long instances = assertSameRows(db, "process starts",
        "select id_ from act_hi_procinst",
        "select process_instance_id from audit_event where event_type = 'process_started'");
    assertSameRows(db, "process ends",
        "select id_ from act_hi_procinst where end_time_ is not null",
        "select process_instance_id from audit_event where event_type in ('process_completed', 'process_cancelled')");
    assertSameRows(db, "activity starts",
        "select proc_inst_id_, id_ from act_hi_actinst",
        "select process_instance_id, entity_id from audit_event where event_type = 'activity_started'");
    assertSameRows(db, "activity ends",
        "select proc_inst_id_, id_ from act_hi_actinst where end_time_ is not null",
        "select process_instance_id, entity_id from audit_event"
            + " where event_type in ('activity_completed', 'activity_cancelled')");
    assertSameRows(db, "task creations",
        "select proc_inst_id_, id_ from act_hi_taskinst",
        "select process_instance_id, " + taskId + " from audit_event where event_type = 'task_created'");
    assertSameRows(db, "task completions",
        "select proc_inst_id_, id_ from act_hi_taskinst where delete_reason_ = 'completed'",
        "select process_instance_id, " + taskId + " from audit_event where event_type = 'task_completed'");
    assertSameRows(db, "variable creations",
        "select proc_inst_id_, id_ from act_hi_varinst",
        "select process_instance_id, entity_id from audit_event where event_type = 'variable_created'");
    assertSameRows(db, "variable values written",
        "select proc_inst_id_, var_inst_id_ from act_hi_detail where type_ = 'VariableUpdate'",
        "select process_instance_id, entity_id from audit_event"
            + " where event_type in ('variable_created', 'variable_updated')");
    assertSameRows(db, "job log entries",
        "select process_instance_id_, job_id_, case job_state_ when 0 then 'job_created' when 1 then 'job_failed'"
            + " when 2 then 'job_succeeded' when 3 then 'job_deleted' end from act_hi_job_log",
        "select process_instance_id, " + jobId + ", event_type from audit_event where event_type like 'job\\_%'");
    assertSameRows(db, "incidents",
        "select proc_inst_id_, id_ from act_hi_incident",
        "select process_instance_id, " + incidentId + " from audit_event where event_type = 'incident_created'");
    assertSameRows(db, "deployments",
        "select id_ from act_re_deployment",
        "select " + deploymentId + " from audit_event where event_type = 'deployment_created'");
    return instances;
  }

  /**
   * Asserts that two queries give the same rows, duplicates included, and that there are some. Returns how many.
   */
  private static long assertSameRows(Connection db, String what, String history, String events)
      throws SQLException {
    assertThat(rows(db, "(" + history + ") except all (" + events + ") limit 10"))
        .as("%s in Camunda's history without their audit events", what).isEmpty();
    assertThat(rows(db, "(" + events + ") except all (" + history + ") limit 10"))
        .as("%s in the audit events that Camunda's history does not have", what).isEmpty();
    long rows = count(db, "select count(*) from (" + history + ") history");
    assertThat(rows).as("%s to compare", what).isPositive();
    return rows;
  }

  private static List<String> rows(Connection db, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (PreparedStatement query = db.prepareStatement(sql); ResultSet result = query.executeQuery()) {
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        StringBuilder row = new StringBuilder();
        for (int column = 1; column <= columns; column++) {
          row.append(column > 1 ? " | " : "").append(result.getString(column));
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }

  private static void awaitZero(Connection db, String sql, long timeoutMillis) throws Exception {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (count(db, sql) > 0 && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
    assertThat(count(db, sql)).as(sql).isZero();
  }


  /** Files in the anchor folder that are not checkpoints: left by a node killed while it wrote one. */
  private static long interruptedAnchorWrites(Path anchors) throws IOException {
    try (Stream<Path> files = Files.list(anchors)) {
      return files.filter(file -> !file.getFileName().toString().endsWith(".note")).count();
    }
  }

  /** The rows in a table, or none while the first node has not created it yet. */
  private static long rowsIn(Connection db, String table) throws SQLException {
    return count(db, "select case when to_regclass('" + table + "') is null then 0 else 1 end") == 0 ? 0
        : count(db, "select count(*) from " + table);
  }

  private static String tail(Path log) throws IOException {
    try (Stream<String> lines = Files.lines(log)) {
      List<String> all = lines.toList();
      return String.join("\n", all.subList(Math.max(0, all.size() - 40), all.size()));
    }
  }
}
