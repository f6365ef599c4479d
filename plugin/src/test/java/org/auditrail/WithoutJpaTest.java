package org.auditrail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.auditrail.testapp.AuditTestApplication;
import org.junit.jupiter.api.Test;

/**
 * An application without Spring Data JPA: alerts are off, and the rest of the plugin starts and serves, the pages
 * that show alerts where there are any too. It runs in a JVM of its own whose class path lacks Spring Data JPA,
 * Hibernate, Spring ORM and the Jakarta Persistence API, so that any class of theirs the plugin reached for without
 * JPA would fail it, as it would fail such an application.
 */
class WithoutJpaTest {

  private static final List<String> JPA_JARS = List.of("spring-data-jpa-", "hibernate-core-", "spring-orm-",
      "jakarta.persistence-api-");

  @Test
  void anApplicationWithoutSpringDataJpaStartsWithAlertsOffAndServesItsPages() throws Exception {
    String classPath = classPathWithoutJpa();
    assertThat(classPath).doesNotContain("spring-data-jpa-").doesNotContain("hibernate-core-");
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path log = Files.createTempFile("without-jpa", ".log");
    Process application = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", classPath,
        AuditTestApplication.class.getName(), "--server.port=" + port,
        "--camunda.bpm.admin-user.id=ada", "--camunda.bpm.admin-user.password=ada-secret")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      awaitStarted(application, log, port);

      HttpResponse<String> reports = get(port, "/reports/compliance");
      assertThat(reports.statusCode()).as(reports.body()).isEqualTo(200);
      assertThat(reports.body()).contains("You may not read alerts, or alerting is off.");
      assertThat(get(port, "/audit").statusCode()).isEqualTo(200);
      assertThat(get(port, "/api/audit/events?size=1").statusCode()).isEqualTo(200);
      // No alerts API: nothing answers there, and nothing is guarded there either.
      assertThat(get(port, "/api/alerts").statusCode()).isEqualTo(404);
      assertThat(get(port, "/api/alerts/rules").statusCode()).isEqualTo(404);
      assertThat(Files.readString(log)).doesNotContain("NoClassDefFoundError").doesNotContain("ClassNotFoundException");
    } finally {
      application.destroy();
      application.waitFor();
    }
  }

  private static void awaitStarted(Process application, Path log, int port) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (!Files.readString(log).contains("Started AuditTestApplication")) {
      assertThat(application.isAlive()).as("the application stopped; its output:%n%s", Files.readString(log))
          .isTrue();
      assertThat(System.nanoTime()).as("the application did not start in 90 s; its output:%n%s",
          Files.readString(log)).isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  private static HttpResponse<String> get(int port, String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            "ada:ada-secret".getBytes(StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** This JVM's class path without JPA (and without empty entries, which would add the working directory). */
  private static String classPathWithoutJpa() {
    return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.isEmpty())
        .filter(entry -> JPA_JARS.stream().noneMatch(Path.of(entry).getFileName().toString()::startsWith))
        .collect(Collectors.joining(File.pathSeparator));
  }
}
