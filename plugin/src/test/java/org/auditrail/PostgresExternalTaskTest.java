package org.auditrail;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** External tasks and their workers' reports on a real PostgreSQL server. */
class PostgresExternalTaskTest extends ExternalTaskContract {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresServer.useNewDatabase(registry);
  }
}
