package org.auditrail;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Human review on a real PostgreSQL server, where refused reviews commit on a connection of their own while the
 * completion's transaction is still open.
 */
class PostgresReviewTaskTest extends ReviewTaskContract {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresServer.useNewDatabase(registry);
  }
}
