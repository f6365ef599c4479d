package org.auditrail.sample;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole sample application on a random port with an in-memory database, shared by the HTTP tests (one Spring
 * context for all of them), and the client to reach it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:sample-${random.uuid};DB_CLOSE_DELAY=-1",
    "audit.log.signing-key=target/test-keys/sample-signing-key.pem",
    "audit.log.anchor-directory=target/test-anchors/sample-${random.uuid}",
    // Short enough that a test sees the aggregate of a burst of failed logins without waiting a minute.
    "audit.access.failed-login-window=4s",
    // Alerts within a second of sealing, and a failed delivery tried again soon (AlertScenariosHttpTest).
    "audit.alerts.evaluate-interval=500ms",
    "audit.alerts.delivery.first-retry=200ms",
    "audit.alerts.delivery.base-url=https://audit.bank.example"})
@Import(ServedBundleTampering.class)
abstract class RunningSampleApplication {

  @LocalServerPort int port;
  SampleApi api;

  /** Alerts by email go to the test run's SMTP server, started before the context. */
  @DynamicPropertySource
  static void mailServer(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", SampleMailServer::port);
  }

  @BeforeEach
  void connect() {
    api = new SampleApi(port);
  }
}
