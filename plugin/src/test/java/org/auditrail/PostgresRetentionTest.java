package org.auditrail;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Retention tiers on a real PostgreSQL server, where content can only be deleted together with the record of its
 * expiry under a retention policy.
 */
class PostgresRetentionTest extends RetentionContract {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresServer.useNewDatabase(registry);
  }

  @Test
  void contentCannotBeDeletedOutsideARetentionSweep() throws SQLException {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      assertThatThrownBy(() -> statement.execute("delete from audit_content"))
          .hasMessageContaining("audit table audit_content is append-only: DELETE is not allowed");
      assertThatThrownBy(() -> statement.execute("delete from audit_content_expiry"))
          .hasMessageContaining("is append-only");
    }
  }
}
