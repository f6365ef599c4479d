package org.auditrail;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The SIEM stream on a real PostgreSQL server. */
class PostgresSiemStreamTest extends SiemStreamContract {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresServer.useNewDatabase(registry);
  }
}
