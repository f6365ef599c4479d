package org.auditrail;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.auditrail.testapp.AuditTestApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * AI tasks on a real PostgreSQL server, where AI events commit on connections of their own beside the engine's
 * open transaction, and the AI artifact tables are append-only.
 */
@SpringBootTest(classes = {AuditTestApplication.class, AiTaskContract.AiBeans.class})
class PostgresAiTaskTest extends AiTaskContract {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresServer.useNewDatabase(registry);
  }

  @Test
  void promptVersionsToolResultsAndTaskConfigurationsAreAppendOnly() throws SQLException {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      for (String sql : new String[] {"update audit_prompt_version set content_sha256 = 'x'",
          "delete from audit_tool_execution", "truncate audit_ai_task_configuration"}) {
        assertThatThrownBy(() -> statement.execute(sql)).isInstanceOf(SQLException.class)
            .hasMessageContaining("is append-only");
      }
    }
  }
}
