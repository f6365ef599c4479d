package org.auditrail;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.test.context.DynamicPropertyRegistry;

/** One real PostgreSQL server per test JVM, started on first use from the binaries on Maven Central. */
public final class EmbeddedPostgresServer {

  private static EmbeddedPostgres server;
  private static int databases;

  private EmbeddedPostgresServer() {}

  /** A JDBC URL of a new, empty database on the shared server. */
  public static synchronized String newDatabase() {
    try {
      if (server == null) {
        server = EmbeddedPostgres.builder().start();
        Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedPostgresServer::stop));
      }
      String name = "audit_" + (++databases);
      try (var connection = server.getPostgresDatabase().getConnection();
          var statement = connection.createStatement()) {
        statement.execute("create database " + name);
      }
      return server.getJdbcUrl("postgres", name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("cannot create a test database", e);
    }
  }

  /** Points a Spring Boot test's data source at a new database on the shared server. */
  public static void useNewDatabase(DynamicPropertyRegistry registry) {
    String url = newDatabase();
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "postgres");
  }

  private static synchronized void stop() {
    try {
      server.close();
    } catch (IOException ignored) {
      // The JVM is exiting; the server's temporary directory goes with it.
    }
  }
}
