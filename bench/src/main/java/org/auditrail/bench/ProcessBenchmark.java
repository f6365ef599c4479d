package org.auditrail.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.auditrail.capture.AuditPlugin;
import org.auditrail.event.EventJson;
import org.auditrail.seal.LogSettings;
import org.auditrail.seal.Sequencer;
import org.auditrail.store.AuditStore;
import org.auditrail.verify.NoteSigner;
import org.auditrail.verify.jdbc.JdbcLogSource;
import org.auditrail.verify.log.LogVerifier;
import org.auditrail.verify.log.VerificationReport;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/**
 * The cost of the plugin to a process engine: the same workload on two engines with history level FULL, one
 * without and one with the plugin, each on its own PostgreSQL database, alternated in rounds so that the machine's
 * drift cancels out. A third engine with history NONE runs in the same rounds, so that the engine's own history
 * cost stands beside ours. Uses the engine without Spring, as any ProcessEngineConfiguration can.
 */
final class ProcessBenchmark {

  private final int rounds;
  private final int instancesPerRound;
  private final int threads;

  ProcessBenchmark(int rounds, int instancesPerRound, int threads) {
    this.rounds = rounds;
    this.instancesPerRound = instancesPerRound;
    this.threads = threads;
  }

  /**
   * @param noHistoryDatabase a database of its own for the history NONE engine (the engine keeps its history level
   *     in the database), or {@code null} to leave that comparison out
   * @param controlDatabase a database of its own for a second engine exactly like the baseline, whose ratio to the
   *     baseline shows how far two identical engines differ in this run, or {@code null} to leave it out
   */
  ObjectNode run(DataSource baselineDatabase, DataSource auditedDatabase, DataSource noHistoryDatabase,
      DataSource controlDatabase) throws Exception {
    ProcessEngine noHistory = noHistoryDatabase == null ? null : engine("nohistory", noHistoryDatabase, "none", null);
    ProcessEngine control = controlDatabase == null ? null : engine("control", controlDatabase, "full", null);
    ProcessEngine baseline = engine("baseline", baselineDatabase, "full", null);
    AuditStore store = AuditStore.open(auditedDatabase);
    ProcessEngine audited = engine("audited", auditedDatabase, "full", store);
    NoteSigner signer = NoteSigner.generate("bench", new SecureRandom());
    Sequencer sequencer = new Sequencer(store, signer,
        new LogSettings("bench.example/log", "bench", java.nio.file.Path.of("unused"), null, Duration.ofMillis(200),
            Duration.ofMillis(800), 2000, List.of(), null, Duration.ofSeconds(5)), Clock.systemUTC());
    sequencer.start();
    try {
      Round warmUp = new Round(workload(noHistory, null), workload(baseline, null), workload(control, null),
          workload(audited, auditedDatabase));
      ObjectNode figures = EventJson.mapper().createObjectNode();
      figures.put("warm_up_ratio", warmUp.ratio());
      List<Double> ratios = new ArrayList<>();
      List<Double> historyRatios = new ArrayList<>();
      List<Double> controlRatios = new ArrayList<>();
      List<Double> cpuRatios = new ArrayList<>();
      long baselineCpu = 0;
      long auditedCpu = 0;
      List<Long> baselineLatencies = new ArrayList<>();
      List<Long> auditedLatencies = new ArrayList<>();
      double noHistorySeconds = 0;
      double baselineSeconds = 0;
      double auditedSeconds = 0;
      for (int round = 0; round < rounds; round++) {
        // Rotate which configuration goes first, so that none always meets a warmer machine.
        List<ProcessEngine> engines = Arrays.asList(noHistory, baseline, control, audited);
        Result[] results = new Result[engines.size()];
        for (int turn = 0; turn < engines.size(); turn++) {
          int which = (round + turn) % engines.size();
          results[which] = workload(engines.get(which), engines.get(which) == audited ? auditedDatabase : null);
        }
        Round result = new Round(results[0], results[1], results[2], results[3]);
        ratios.add(result.ratio());
        if (noHistory != null) {
          historyRatios.add(result.historyRatio());
          noHistorySeconds += result.noHistory().seconds();
        }
        if (control != null) {
          controlRatios.add(result.controlRatio());
        }
        if (MachineCpu.available()) {
          cpuRatios.add(result.cpuRatio());
          baselineCpu += result.baseline().cpuMillis();
          auditedCpu += result.audited().cpuMillis();
        }
        baselineLatencies.addAll(result.baseline().latenciesMicros());
        auditedLatencies.addAll(result.audited().latenciesMicros());
        baselineSeconds += result.baseline().seconds();
        auditedSeconds += result.audited().seconds();
      }
      long instances = (long) rounds * instancesPerRound;
      figures.put("rounds", rounds);
      figures.put("instances_per_round", instancesPerRound);
      figures.put("threads", threads);
      figures.put("baseline_pi_per_s", Math.round(instances / baselineSeconds));
      figures.put("audited_pi_per_s", Math.round(instances / auditedSeconds));
      ratios.forEach(figures.putArray("throughput_ratio_per_round")::add);
      figures.put("throughput_ratio", median(ratios));
      if (noHistory != null) {
        figures.put("history_none_pi_per_s", Math.round(instances / noHistorySeconds));
        historyRatios.forEach(figures.putArray("history_full_vs_none_ratio_per_round")::add);
        figures.put("history_full_vs_none_ratio", median(historyRatios));
      }
      if (control != null) {
        controlRatios.forEach(figures.putArray("control_ratio_per_round")::add);
        figures.put("control_ratio", median(controlRatios));
      }
      if (!cpuRatios.isEmpty()) {
        figures.put("baseline_cpu_ms_per_instance", (double) Math.round(baselineCpu * 100.0 / instances) / 100);
        figures.put("audited_cpu_ms_per_instance", (double) Math.round(auditedCpu * 100.0 / instances) / 100);
        cpuRatios.forEach(figures.putArray("cpu_ratio_per_round")::add);
        figures.put("cpu_ratio", median(cpuRatios));
      }
      figures.put("baseline_latency_p50_ms", percentile(baselineLatencies, 50) / 1000.0);
      figures.put("baseline_latency_p99_ms", percentile(baselineLatencies, 99) / 1000.0);
      figures.put("audited_latency_p50_ms", percentile(auditedLatencies, 50) / 1000.0);
      figures.put("audited_latency_p99_ms", percentile(auditedLatencies, 99) / 1000.0);

      awaitSealed(auditedDatabase);
      long events = count(auditedDatabase, "select count(*) from audit_event");
      long auditedInstances = instances + instancesPerRound;
      figures.put("events_per_instance", (double) Math.round(events * 10.0 / auditedInstances) / 10);
      figures.put("audit_events_per_s", Math.round(events / (auditedSeconds + warmUp.audited().seconds())));
      figures.put("bytes_per_instance", count(auditedDatabase, "select pg_total_relation_size('audit_command')"
          + " + pg_total_relation_size('audit_content') + pg_total_relation_size('audit_log_batch')"
          + " + pg_total_relation_size('audit_unsealed') + pg_total_relation_size('audit_checkpoint')")
          / auditedInstances);
      figures.put("seal_lag_p50_ms", sequencer.status().sealLagP50Millis());
      figures.put("seal_lag_p99_ms", sequencer.status().sealLagP99Millis());
      long verifyStarted = System.nanoTime();
      VerificationReport report;
      try (Connection connection = auditedDatabase.getConnection()) {
        report = JdbcLogSource.verify(connection, null, new LogVerifier(List.of(signer.verifier())));
      }
      figures.put("verify_events_per_s", Math.round(report.eventsChecked() / ((System.nanoTime() - verifyStarted)
          / 1e9)));
      figures.put("verified", report.verified());
      return figures;
    } finally {
      sequencer.close();
      if (noHistory != null) {
        noHistory.close();
      }
      if (control != null) {
        control.close();
      }
      baseline.close();
      audited.close();
    }
  }

  /** An engine on the database; audited when given the audit tables, opened once for the plugin and the sequencer. */
  private static ProcessEngine engine(String name, DataSource dataSource, String history, AuditStore store) {
    ProcessEngineConfigurationImpl configuration = new StandaloneProcessEngineConfiguration();
    configuration.setProcessEngineName(name);
    configuration.setDataSource(dataSource);
    configuration.setDatabaseSchemaUpdate("true");
    configuration.setHistory(history);
    configuration.setJobExecutorActivate(false);
    configuration.setEnforceHistoryTimeToLive(false);
    configuration.setMetricsEnabled(false);
    if (store != null) {
      configuration.getProcessEnginePlugins().add(new AuditPlugin().useStore(() -> store));
    }
    ProcessEngine engine = configuration.buildProcessEngine();
    engine.getRepositoryService().createDeployment().addModelInstance("reference.bpmn", ReferenceProcess.model())
        .deploy();
    return engine;
  }

  /**
   * Runs one round's instances from several threads: start, then complete the user task through the API; no run
   * (and a result of no time) for an engine that is left out.
   */
  private Result workload(ProcessEngine engine, DataSource sealedIn) throws Exception {
    if (engine == null) {
      return new Result(0, List.of(), 0);
    }
    long cpuBefore = MachineCpu.busyMillis();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    long started = System.nanoTime();
    List<Future<?>> work = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int share = instancesPerRound / threads + (t < instancesPerRound % threads ? 1 : 0);
      work.add(pool.submit(() -> {
        for (int i = 0; i < share; i++) {
          long begin = System.nanoTime();
          ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey(ReferenceProcess.KEY,
              Map.of("amount", (i % 2 == 0) ? 500 : 5000, "customer", "customer-" + i));
          String task = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId())
              .singleResult().getId();
          engine.getTaskService().complete(task, Map.of("approved", true));
          latencies.add((System.nanoTime() - begin) / 1000);
        }
        return null;
      }));
    }
    for (Future<?> done : work) {
      done.get();
    }
    pool.shutdown();
    double seconds = (System.nanoTime() - started) / 1e9;
    if (sealedIn != null) {
      // The audited engine's work includes sealing what it recorded: counted in its CPU, not in its time.
      awaitSealed(sealedIn);
    }
    return new Result(seconds, latencies, MachineCpu.busyMillis() - cpuBefore);
  }

  private static void awaitSealed(DataSource dataSource) throws Exception {
    for (int wait = 0; count(dataSource, "select count(*) from audit_unsealed") > 0 && wait < 600; wait++) {
      Thread.sleep(100);
    }
  }

  private static long count(DataSource dataSource, String sql) throws Exception {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int middle = sorted.size() / 2;
    double median = sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    return Math.round(median * 1000) / 1000.0;
  }

  private static long percentile(List<Long> values, int percentile) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(Math.max(0, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1));
  }

  /**
   * One engine's turn: how long its instances took, each one's latency, and the CPU time the whole machine (engine,
   * database and sequencer) spent meanwhile.
   */
  private record Result(double seconds, List<Long> latenciesMicros, long cpuMillis) {}

  private record Round(Result noHistory, Result baseline, Result control, Result audited) {
    /** Audited throughput over baseline throughput: 1.0 means the plugin costs nothing. */
    double ratio() {
      return Math.round(baseline.seconds() / audited.seconds() * 1000) / 1000.0;
    }

    /** The baseline's CPU time over the audited engine's, for the same instances: what the plugin costs in CPU. */
    double cpuRatio() {
      return Math.round((double) baseline.cpuMillis() / audited.cpuMillis() * 1000) / 1000.0;
    }

    /** A second baseline's throughput over the baseline's: 1.0 when the run measures two equal engines alike. */
    double controlRatio() {
      return Math.round(baseline.seconds() / control.seconds() * 1000) / 1000.0;
    }

    /** History FULL throughput over history NONE throughput: what the engine's own history costs. */
    double historyRatio() {
      return Math.round(noHistory.seconds() / baseline.seconds() * 1000) / 1000.0;
    }
  }
}
