package org.auditrail;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Retention sweeps expire content when the engine runs as the runtime role on PostgreSQL. */
class PostgresRuntimeRoleRetentionTest extends RetentionContract {

  static DatabaseRoles.Database database;

  @DynamicPropertySource
  static void runtimeRole(DynamicPropertyRegistry registry) {
    database = DatabaseRoles.useRuntimeRole(registry);
  }

  @Test
  void theEngineRunsAsTheRuntimeRole() throws Exception {
    try (Connection connection = dataSource.getConnection()) {
      assertThat(DatabaseRoles.currentUser(connection)).isEqualTo(database.runtime());
    }
  }
}
