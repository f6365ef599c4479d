package org.auditrail;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Numbers canonical JSON cannot hold, on a real PostgreSQL server. */
class PostgresUnrepresentableNumbersTest extends UnrepresentableNumbersContract {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresServer.useNewDatabase(registry);
  }
}
