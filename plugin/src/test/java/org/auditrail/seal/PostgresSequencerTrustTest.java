package org.auditrail.seal;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.auditrail.EmbeddedPostgresServer;
import org.auditrail.store.AuditStore;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The sequencer's trust in its head and queue, on PostgreSQL. */
class PostgresSequencerTrustTest extends SequencerTrustContract {

  @Override
  DataSource newDatabase() {
    PGSimpleDataSource postgres = new PGSimpleDataSource();
    postgres.setURL(EmbeddedPostgresServer.newDatabase());
    postgres.setUser("postgres");
    postgres.setPassword("postgres");
    return postgres;
  }

  @Test
  void aQuarantinedRowCannotBeChangedOrDeletedEvenByASuperuser() throws Exception {
    DataSource database = newDatabase();
    AuditStore.open(database);
    try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
      statement.executeUpdate("insert into audit_unsealed_quarantine (batch_id, reason, quarantined_at)"
          + " values ('row-1', 'test', now())");
      assertThatThrownBy(() -> statement.executeUpdate("delete from audit_unsealed_quarantine"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("audit table audit_unsealed_quarantine is append-only: DELETE is not allowed");
      assertThatThrownBy(() -> statement.executeUpdate("update audit_unsealed_quarantine set reason = 'other'"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("audit table audit_unsealed_quarantine is append-only: UPDATE is not allowed");
      assertThatThrownBy(() -> statement.executeUpdate("truncate audit_unsealed_quarantine"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("audit table audit_unsealed_quarantine is append-only: TRUNCATE is not allowed");
    }
  }
}
