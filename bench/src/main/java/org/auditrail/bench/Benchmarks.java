package org.auditrail.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.auditrail.event.EventJson;

/**
 * {@code bench/run.sh [--quick] [--jdbc URL | --server URL] [--only SECTION] --out FILE}: the process-engine
 * benchmark (plugin off against plugin on), the log benchmark (sealing and verification) and the report benchmark
 * (a month of 10,000 cases); on an embedded PostgreSQL, on a server given by {@code --server} (a database of its own
 * for each engine and log, created anew), or on one given database ({@code --jdbc}). Prints the figures and writes
 * them as JSON; figures, not assertions (see docs/benchmarks.md).
 */
public final class Benchmarks {

  /** The busy month of the report benchmark. */
  static final int REPORT_CASES = 10_000;
  private static final String USAGE =
      "usage: bench/run.sh [--quick] [--jdbc URL | --server URL] [--only SECTION] --out FILE";
  /** The databases a run on a server of its own creates, one per benchmark engine or log. */
  private static final List<String> DATABASES = List.of("nohistory", "control", "baseline", "audited", "logbench",
      "reportbench");
  private static final List<String> SECTIONS = List.of("process_benchmark", "log_benchmark", "report_benchmark");

  private Benchmarks() {}

  public static void main(String[] args) throws Exception {
    boolean quick = false;
    String jdbc = null;
    String server = null;
    Path out = null;
    String only = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--jdbc" -> jdbc = args[++i];
        case "--server" -> server = args[++i];
        case "--out" -> out = Path.of(args[++i]);
        case "--only" -> only = args[++i];
        default -> throw new IllegalArgumentException("unknown option " + args[i] + "; " + USAGE);
      }
    }
    if (jdbc != null && server != null) {
      throw new IllegalArgumentException("give --jdbc or --server, not both; " + USAGE);
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
    ProcessBenchmark processes = quick ? new ProcessBenchmark(9, 150, 4) : new ProcessBenchmark(15, 400, 4);
    int logEvents = quick ? 200_000 : 1_000_000;
    if (jdbc == null && server == null) {
      try (EmbeddedPostgres embedded = EmbeddedPostgres.builder().start()) {
        figures.put("database", "embedded PostgreSQL (zonky) on the same machine");
        onSeparateDatabases(database -> embedded.getJdbcUrl("postgres", database), runs, processes, logEvents,
            figures);
      }
    } else if (server != null) {
      figures.put("database", "the PostgreSQL server at " + server);
      String serverUrl = server.endsWith("/") ? server : server + "/";
      onSeparateDatabases(database -> serverUrl + database, runs, processes, logEvents, figures);
    } else {
      // One given database serves both engines (as two nodes would share it) and the log benchmark; the history
      // NONE engine is left out, since an engine keeps its history level in the database.
      figures.put("database", "given JDBC URL");
      try (HikariDataSource database = pool(jdbc)) {
        run(new Databases(database, database, null, null, database, database), runs, processes, logEvents,
            figures);
      }
    }
    Files.writeString(out, figures.toPrettyString() + "\n");
    System.out.println(figures.toPrettyString());
  }

  /**
   * Runs the benchmarks on one server, each on a database of its own that it creates anew.
   *
   * @param urlOf the JDBC URL of a database of the server, by name
   */
  private static void onSeparateDatabases(UnaryOperator<String> urlOf, Predicate<String> runs,
      ProcessBenchmark processes, int logEvents, ObjectNode figures) throws Exception {
    try (HikariDataSource admin = pool(urlOf.apply("postgres"))) {
      try (Connection connection = admin.getConnection(); Statement statement = connection.createStatement()) {
        for (String database : DATABASES) {
          statement.execute("drop database if exists " + database);
          statement.execute("create database " + database);
        }
        figures.put("postgresql", single(statement, "select version()"));
        figures.put("toast_compression", single(statement, "select case when 'lz4' = any (enumvals) then 'lz4'"
            + " else 'pglz' end from pg_settings where name = 'default_toast_compression'"));
      }
    }
    try (HikariDataSource noHistory = pool(urlOf.apply("nohistory"));
        HikariDataSource control = pool(urlOf.apply("control"));
        HikariDataSource baseline = pool(urlOf.apply("baseline"));
        HikariDataSource audited = pool(urlOf.apply("audited"));
        HikariDataSource log = pool(urlOf.apply("logbench"));
        HikariDataSource report = pool(urlOf.apply("reportbench"))) {
      run(new Databases(baseline, audited, noHistory, control, log, report), runs, processes, logEvents, figures);
    }
  }

  /** Where each benchmark runs; the history NONE and control engines are left out where they are null. */
  private record Databases(DataSource baseline, DataSource audited, DataSource noHistory, DataSource control,
      DataSource log, DataSource report) {}

  private static void run(Databases databases, Predicate<String> runs, ProcessBenchmark processes, int logEvents,
      ObjectNode figures) throws Exception {
    if (runs.test("process_benchmark")) {
      figures.setAll(processes.run(databases.baseline(), databases.audited(), databases.noHistory(),
          databases.control()));
    }
    if (runs.test("log_benchmark")) {
      figures.set("log_benchmark", LogBenchmark.run(databases.log(), logEvents));
    }
    if (runs.test("report_benchmark")) {
      figures.set("report_benchmark", ReportBenchmark.run(databases.report(), REPORT_CASES));
    }
  }

  private static String single(Statement statement, String sql) throws Exception {
    try (ResultSet row = statement.executeQuery(sql)) {
      row.next();
      return row.getString(1);
    }
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
