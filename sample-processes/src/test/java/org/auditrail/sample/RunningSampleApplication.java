package org.auditrail.sample;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * The whole sample application on a random port with an in-memory database, shared by the HTTP tests (one Spring
 * context for all of them), and the client to reach it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:sample-${random.uuid};DB_CLOSE_DELAY=-1",
    "audit.log.signing-key=target/test-keys/sample-signing-key.pem",
    "audit.log.anchor-directory=target/test-anchors/sample-${random.uuid}",
    // Short enough that a test sees the aggregate of a burst of failed logins without waiting a minute.
    "audit.access.failed-login-window=4s"})
@Import(ServedBundleTampering.class)
abstract class RunningSampleApplication {

  @LocalServerPort int port;
  SampleApi api;

  @BeforeEach
  void connect() {
    api = new SampleApi(port);
  }
}
