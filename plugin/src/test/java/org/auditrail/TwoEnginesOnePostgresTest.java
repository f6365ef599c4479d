package org.auditrail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.auditrail.testapp.AuditTestApplication;
import org.auditrail.verify.NoteSigner;
import org.auditrail.verify.log.VerificationReport;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two process engines, each with its own background sequencer and job executor, on one PostgreSQL database, both
 * starting cases, completing tasks and running jobs at once: one log, every event sealed exactly once, no gaps,
 * and every checkpoint verifies.
 */
class TwoEnginesOnePostgresTest {

  static final int CASES_PER_NODE = 25;

  @Test
  void twoNodesSealOneGaplessLogThatVerifies() throws Exception {
    String url = EmbeddedPostgresServer.newDatabase();
    String key = Path.of("target", "test-keys", "cluster-" + System.nanoTime() + ".pem").toString();
    String anchors = Path.of("target", "test-anchors", "cluster-" + System.nanoTime()).toString();
    try (ConfigurableApplicationContext nodeA = node("nodeA", url, key, anchors);
        ConfigurableApplicationContext nodeB = node("nodeB", url, key, anchors)) {
      ExecutorService workers = Executors.newFixedThreadPool(2);
      List<Future<?>> work = new ArrayList<>();
      for (ConfigurableApplicationContext node : List.of(nodeA, nodeB)) {
        ProcessEngine engine = node.getBean(ProcessEngine.class);
        work.add(workers.submit(() -> runCases(engine, node.getId())));
      }
      for (Future<?> done : work) {
        done.get();
      }
      workers.shutdown();

      DataSource dataSource = nodeA.getBean(DataSource.class);
      for (int wait = 0; count(dataSource, "select count(*) from act_ru_job") > 0 && wait < 150; wait++) {
        Thread.sleep(200);
      }
      assertThat(count(dataSource, "select count(*) from act_ru_job")).isZero();
      // Both job executors took part: each booking job ran once, on one of the two nodes.
      assertThat(count(dataSource, "select count(*) from audit_event where event_type = 'job_succeeded'"))
          .isEqualTo(2L * CASES_PER_NODE);
      assertThat(count(dataSource, "select count(distinct hostname_) from act_hi_job_log"
          + " where job_state_ = 2")).isEqualTo(2);
      for (int wait = 0; count(dataSource, "select count(*) from audit_unsealed") > 0 && wait < 100; wait++) {
        Thread.sleep(200);
      }
      try (Connection db = dataSource.getConnection()) {
        assertThat(WholeLog.count(db, "select count(*) from audit_unsealed")).isZero();
        long events = WholeLog.assertSealedExactlyOnce(db);
        assertThat(WholeLog.count(db, "select count(*) from audit_event where business_key like 'cluster-%'"))
            .isGreaterThan(2L * CASES_PER_NODE * 10);

        Thread.sleep(1_000); // the last checkpoint follows within the checkpoint interval
        VerificationReport report = WholeLog.assertVerifies(db, Path.of(anchors), events,
            nodeA.getBean(NoteSigner.class).verifier());
        assertThat(report.checkpointsChecked()).isGreaterThan(1);
      }
    }
  }

  private static void runCases(ProcessEngine engine, String node) {
    for (int i = 0; i < CASES_PER_NODE; i++) {
      engine.getRuntimeService().startProcessInstanceByKey("fragileBooking", "cluster-job-" + node + "-" + i,
          Map.of("fail", false));
      ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey("rollbackCase",
          "cluster-" + node + "-" + i, Map.of("fail", false));
      engine.getTaskService().complete(engine.getTaskService().createTaskQuery()
          .processInstanceId(instance.getId()).singleResult().getId());
    }
  }

  private static ConfigurableApplicationContext node(String name, String url, String key, String anchors) {
    return new SpringApplicationBuilder(AuditTestApplication.class).web(WebApplicationType.NONE).run(
        "--spring.application.name=" + name,
        "--camunda.bpm.process-engine-name=" + name,
        "--spring.datasource.url=" + url,
        "--spring.datasource.username=postgres",
        "--spring.datasource.password=postgres",
        "--camunda.bpm.job-execution.enabled=true",
        "--camunda.bpm.generic-properties.properties.hostname=" + name,
        "--audit.log.sealing-enabled=true",
        "--audit.log.seal-interval=50ms",
        "--audit.log.checkpoint-interval=200ms",
        "--audit.log.signing-key=" + key,
        "--audit.log.anchor-directory=" + anchors);
  }

  private static long count(DataSource dataSource, String sql) throws Exception {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
