package org.auditrail.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.function.Predicate;
import org.auditrail.event.EventJson;

/**
 * {@code bench/run.sh [--quick] [--jdbc URL] [--only SECTION] --out FILE}: the process-engine benchmark (plugin off
 * against plugin on), the log benchmark (sealing and verification) and the report benchmark (a month of 10,000
 * cases); on an embedded PostgreSQL unless a JDBC URL is given. Prints the figures and writes them as JSON; figures, not assertions (see
 * docs/benchmarks.md).
 */
public final class Benchmarks {

  /** The busy month of the report benchmark. */
  static final int REPORT_CASES = 10_000;
  private static final String USAGE = "usage: bench/run.sh [--quick] [--jdbc URL] [--only SECTION] --out FILE";
  private static final List<String> SECTIONS = List.of("process_benchmark", "log_benchmark", "report_benchmark");

  private Benchmarks() {}

  public static void main(String[] args) throws Exception {
    boolean quick = false;
    String jdbc = null;
    Path out = null;
    String only = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--jdbc" -> jdbc = args[++i];
        case "--out" -> out = Path.of(args[++i]);
        case "--only" -> only = args[++i];
        default -> throw new IllegalArgumentException("unknown option " + args[i] + "; " + USAGE);
      }
    }
    if (out == null) {
      throw new IllegalArgumentException("--out FILE is required; " + USAGE);
    }
    if (only != null && !SECTIONS.contains(only)) {
      throw new IllegalArgumentException("--only must be one of " + SECTIONS + ", not " + only + "; " + USAGE);
    }
    Predicate<String> runs = only == null ? section -> true : only::equals;
    ObjectNode figures = EventJson.mapper().createObjectNode();
    figures.put("machine", Runtime.getRuntime().availableProcessors() + " cores, "
        + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB heap, " + System.getProperty("os.name") + " "
        + System.getProperty("os.arch") + ", " + System.getProperty("java.vm.name") + " "
        + System.getProperty("java.version"));
    figures.put("mode", quick ? "quick" : "full");
    ProcessBenchmark processes = quick ? new ProcessBenchmark(5, 200, 4) : new ProcessBenchmark(5, 1000, 4);
    int logEvents = quick ? 200_000 : 1_000_000;
    if (jdbc == null) {
      try (EmbeddedPostgres server = EmbeddedPostgres.builder().start()) {
        figures.put("database", "embedded PostgreSQL (zonky) on the same machine");
        for (String database : new String[] {"nohistory", "baseline", "audited", "logbench", "reportbench"}) {
          try (Connection connection = server.getPostgresDatabase().getConnection();
              Statement statement = connection.createStatement()) {
            statement.execute("create database " + database);
          }
        }
        try (HikariDataSource noHistory = pool(server.getJdbcUrl("postgres", "nohistory"));
            HikariDataSource baseline = pool(server.getJdbcUrl("postgres", "baseline"));
            HikariDataSource audited = pool(server.getJdbcUrl("postgres", "audited"));
            HikariDataSource log = pool(server.getJdbcUrl("postgres", "logbench"));
            HikariDataSource report = pool(server.getJdbcUrl("postgres", "reportbench"))) {
          if (runs.test("process_benchmark")) {
            figures.setAll(processes.run(baseline, audited, noHistory));
          }
          if (runs.test("log_benchmark")) {
            figures.set("log_benchmark", LogBenchmark.run(log, logEvents));
          }
          if (runs.test("report_benchmark")) {
            figures.set("report_benchmark", ReportBenchmark.run(report, REPORT_CASES));
          }
        }
      }
    } else {
      // One given database serves both engines (as two nodes would share it) and the log benchmark; the history
      // NONE engine is left out, since an engine keeps its history level in the database.
      figures.put("database", "given JDBC URL");
      try (HikariDataSource database = pool(jdbc)) {
        if (runs.test("process_benchmark")) {
          figures.setAll(processes.run(database, database, null));
        }
        if (runs.test("log_benchmark")) {
          figures.set("log_benchmark", LogBenchmark.run(database, logEvents));
        }
        if (runs.test("report_benchmark")) {
          figures.set("report_benchmark", ReportBenchmark.run(database, REPORT_CASES));
        }
      }
    }
    Files.writeString(out, figures.toPrettyString() + "\n");
    System.out.println(figures.toPrettyString());
  }

  private static HikariDataSource pool(String url) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url + (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true");
    if (System.getenv("BENCH_DB_USER") != null) {
      config.setUsername(System.getenv("BENCH_DB_USER"));
      config.setPassword(System.getenv("BENCH_DB_PASSWORD"));
    }
    config.setMaximumPoolSize(8);
    config.setAutoCommit(true);
    return new HikariDataSource(config);
  }
}
