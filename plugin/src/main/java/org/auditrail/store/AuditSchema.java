package org.auditrail.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.auditrail.AuditLogger;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Creates and upgrades the plugin's own tables. They keep their own Flyway history table, so they never interfere
 * with the application's migrations, and they live outside Camunda's ACT_HI_* tables, so history cleanup never
 * reaches them.
 */
public final class AuditSchema {

  static final String HISTORY_TABLE = "audit_schema_history";

  private AuditSchema() {}

  /** Migrates the audit tables to the current version and tells which database they are on. */
  public static SqlDialect migrate(DataSource dataSource) {
    SqlDialect dialect = dialectOf(dataSource);
    MigrateResult result = configure(dialect).dataSource(dataSource).load().migrate();
    AuditLogger.schemaMigrated(dialect.name(), result.migrationsExecuted);
    return dialect;
  }

  /** Where the audit tables' migrations are and where their history is kept, whoever runs them. */
  static FluentConfiguration configure(SqlDialect dialect) {
    return Flyway.configure(AuditSchema.class.getClassLoader())
        .locations(dialect.migrationLocation())
        .table(HISTORY_TABLE)
        // The engine's tables are usually there before ours: start our own history at version 0.
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .javaMigrations(new V10__ConvertEventRows(), new V14_1__TraceHeadsFromLog());
  }

  public static SqlDialect dialectOf(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      return SqlDialect.of(connection);
    } catch (SQLException e) {
      throw new AuditStorageException("AUDIT-011 cannot open a connection to find out the audit database: "
          + e.getMessage(), e);
    }
  }
}
