package org.auditrail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.auditrail.testapp.AuditTestApplication;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The audited engine on a real PostgreSQL server, where the audit tables are append-only in the database. */
@SpringBootTest(classes = AuditTestApplication.class)
class PostgresAuditedEngineTest extends AuditedEngineContract {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresServer.useNewDatabase(registry);
  }

  @Test
  void auditTablesRejectUpdateDeleteAndTruncateEvenInReplicaMode() throws SQLException {
    ProcessInstance instance = runtimeService.startProcessInstanceByKey("rollbackCase", "append-only-1",
        Map.of("fail", false));
    int recorded = RecordedTrail.of(trail, instance.getId()).size();
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      connection.setAutoCommit(true);
      assertRejected(statement, "update audit_command set events = ''", "UPDATE");
      assertRejected(statement, "delete from audit_command", "DELETE");
      assertRejected(statement, "truncate audit_command", "TRUNCATE");
      assertRejected(statement, "update audit_log_batch set entries = ''", "UPDATE");
      assertRejected(statement, "delete from audit_log_batch", "DELETE");
      assertRejected(statement, "update audit_content set media_type = 'text/plain'", "UPDATE");
      assertRejected(statement, "delete from audit_content", "DELETE");
      statement.execute("set session_replication_role = replica");
      assertRejected(statement, "delete from audit_command", "DELETE");
      assertRejected(statement, "truncate audit_content", "TRUNCATE");
      statement.execute("set session_replication_role = origin");
    }
    assertThat(RecordedTrail.of(trail, instance.getId()).size()).isEqualTo(recorded);
  }

  private static void assertRejected(Statement statement, String sql, String operation) {
    assertThatThrownBy(() -> statement.execute(sql))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("is append-only: " + operation + " is not allowed");
  }
}
