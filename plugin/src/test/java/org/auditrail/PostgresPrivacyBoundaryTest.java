package org.auditrail;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Tokenization before a value goes anywhere, on a real PostgreSQL server. */
class PostgresPrivacyBoundaryTest extends PrivacyBoundaryContract {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresServer.useNewDatabase(registry);
  }
}
