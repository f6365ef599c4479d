package org.auditrail.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The role that owns the audit tables (PostgreSQL). It migrates them with credentials of its own, then grants the
 * role the engine connects as what {@link #GRANTS_RESOURCE} lists, after every migration: the application may
 * append and read, but neither change, delete nor alter what the audit tables hold, nor disable their triggers.
 * Without Spring, call {@link #migrate} before the engine is built.
 */
public final class SchemaOwner {

  /** The grants of the runtime role: a Flyway callback, run by the owner after every migration. */
  public static final String GRANTS_RESOURCE = "org/auditrail/db/postgresql-roles/afterMigrate__runtime_grants.sql";

  private static final String GRANTS_LOCATION = "classpath:org/auditrail/db/postgresql-roles";

  /** Where unqualified table names lead a connection: the owner's must lead where the engine's do. */
  private static final String SCHEMA = "select current_database() || '.' || coalesce(current_schema(), '(none)')";

  private final String url;
  private final String username;
  private final String password;
  private final String runtimeRole;

  /**
   * @param url the JDBC URL the owner connects with; {@code null} for the engine's
   * @param runtimeRole the role granted what the application needs; {@code null} for the engine's user
   */
  public SchemaOwner(String url, String username, String password, String runtimeRole) {
    this.url = url;
    this.username = Objects.requireNonNull(username, "username");
    this.password = password;
    this.runtimeRole = runtimeRole;
  }

  /** Migrates the audit tables as their owner and grants the runtime role its share; refuses roles that overlap. */
  public SqlDialect migrate(DataSource engine) {
    EngineRole runtime = EngineRole.of(engine, runtimeRole);
    String ownerUrl = url != null ? url : runtime.url;
    FluentConfiguration flyway = AuditSchema.configure(SqlDialect.POSTGRESQL)
        .dataSource(ownerUrl, username, password)
        .locations(SqlDialect.POSTGRESQL.migrationLocation(), GRANTS_LOCATION)
        .placeholders(Map.of("runtimeRole", runtime.role));
    try {
      String owner = checkRoles(flyway.getDataSource(), runtime);
      MigrateResult result = flyway.load().migrate();
      SchemaOwnerLogger.migrated(result.migrationsExecuted, owner, runtime.role);
      return SqlDialect.POSTGRESQL;
    } catch (SQLException | FlywayException e) {
      throw SchemaOwnerLogger.migrationFailed(username, ownerUrl, e);
    }
  }

  /** Answers the owner's role name once it is sure the runtime role cannot act as the owner. */
  private static String checkRoles(DataSource ownerDataSource, EngineRole runtime) throws SQLException {
    try (Connection connection = ownerDataSource.getConnection()) {
      String owner = single(connection, "select current_user", null);
      String schema = single(connection, SCHEMA, null);
      if (!schema.equals(runtime.schema)) {
        throw SchemaOwnerLogger.otherSchema(schema, runtime.schema);
      }
      if (owner.equals(runtime.role) || owner.equals(runtime.user)) {
        throw SchemaOwnerLogger.ownerIsRuntimeRole(owner);
      }
      if (runtime.superuser) {
        throw SchemaOwnerLogger.runtimeRoleTooPowerful(runtime.user, "is a superuser", owner);
      }
      if (Boolean.parseBoolean(single(connection,
          "select cast(pg_has_role(cast(? as name), current_user, 'MEMBER') as varchar)", runtime.user))) {
        throw SchemaOwnerLogger.runtimeRoleTooPowerful(runtime.user, "is a member of the owner role", owner);
      }
      Map<String, String> others = new TreeMap<>();
      try (PreparedStatement query = connection.prepareStatement("select c.relname, pg_get_userbyid(c.relowner)"
          + " from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = current_schema()"
          + " and c.relkind in ('r', 'p') and c.relname like 'audit\\_%'"
          + " and pg_get_userbyid(c.relowner) <> current_user");
          ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          others.put(rows.getString(1), rows.getString(2));
        }
      }
      if (!others.isEmpty()) {
        throw SchemaOwnerLogger.tablesOwnedByOthers(owner, others);
      }
      return owner;
    }
  }

  private static String single(Connection connection, String sql, String parameter) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      if (parameter != null) {
        query.setString(1, parameter);
      }
      try (ResultSet row = query.executeQuery()) {
        row.next();
        return row.getString(1);
      }
    }
  }

  /** The engine's side: its database and schema, the user it connects as, and the role the grants go to. */
  private record EngineRole(String url, String schema, String user, boolean superuser, String role) {

    static EngineRole of(DataSource engine, String configuredRole) {
      try (Connection connection = engine.getConnection()) {
        SqlDialect dialect = SqlDialect.of(connection);
        if (dialect != SqlDialect.POSTGRESQL) {
          throw SchemaOwnerLogger.notOnPostgresql(dialect);
        }
        String user = single(connection, "select current_user", null);
        boolean superuser = Boolean.parseBoolean(single(connection,
            "select cast(rolsuper as varchar) from pg_roles where rolname = current_user", null));
        String role = configuredRole == null || configuredRole.isBlank() ? user : configuredRole;
        if (role.indexOf('"') >= 0 || role.indexOf('\0') >= 0) {
          throw SchemaOwnerLogger.invalidRoleName(role);
        }
        return new EngineRole(connection.getMetaData().getURL(), single(connection, SCHEMA, null), user, superuser,
            role);
      } catch (SQLException e) {
        throw new AuditStorageException("AUDIT-011 cannot open a connection to find out the audit database: "
            + e.getMessage(), e);
      }
    }
  }
}
