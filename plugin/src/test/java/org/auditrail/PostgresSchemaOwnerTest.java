package org.auditrail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.auditrail.store.AuditSchema;
import org.auditrail.store.AuditStorageException;
import org.auditrail.store.SchemaOwner;
import org.auditrail.store.SqlDialect;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The owner refuses to migrate for a runtime role that could act as the owner, or on tables it does not own. */
class PostgresSchemaOwnerTest {

  @Test
  void aSuperuserRuntimeRoleIsRefused() {
    DatabaseRoles.Database database = DatabaseRoles.newDatabase();
    assertThatThrownBy(() -> owner(database, null).migrate(engine(database, "postgres")))
        .isInstanceOf(AuditStorageException.class)
        .hasMessage("AUDIT-092 the engine connects as 'postgres', which is a superuser, so it could change or drop"
            + " the audit tables that '" + database.owner() + "' owns. Connect the engine as a role of its own"
            + " (spring.datasource.username) that is neither a superuser nor a member of '" + database.owner()
            + "'.");
  }

  @Test
  void aRuntimeRoleThatIsAMemberOfTheOwnerIsRefused() throws SQLException {
    DatabaseRoles.Database database = DatabaseRoles.newDatabase();
    asSuperuser(database, "grant " + database.owner() + " to " + database.runtime());
    assertThatThrownBy(() -> owner(database, null).migrate(engine(database, database.runtime())))
        .hasMessageStartingWith("AUDIT-092 the engine connects as '" + database.runtime() + "', which is a member"
            + " of the owner role");
  }

  @Test
  void theOwnerCannotBeTheRuntimeRole() {
    DatabaseRoles.Database database = DatabaseRoles.newDatabase();
    assertThatThrownBy(() -> owner(database, null).migrate(engine(database, database.owner())))
        .hasMessageStartingWith("AUDIT-097 audit.schema.username names the role the engine connects as, '"
            + database.owner() + "'");
  }

  @Test
  void auditTablesCreatedEarlierByTheRuntimeRoleMustBeHandedToTheOwnerFirst() {
    DatabaseRoles.Database database = DatabaseRoles.newDatabase();
    AuditSchema.migrate(engine(database, database.runtime()));
    assertThatThrownBy(() -> owner(database, null).migrate(engine(database, database.runtime())))
        .hasMessageStartingWith("AUDIT-093 the audit tables must belong to the schema owner '" + database.owner()
            + "', but these belong to others: {audit_ai_task_configuration=" + database.runtime() + ",");
  }

  @Test
  void anOwnerUrlOfAnotherDatabaseIsRefused() {
    DatabaseRoles.Database database = DatabaseRoles.newDatabase();
    DatabaseRoles.Database other = DatabaseRoles.newDatabase();
    String name = database.url().substring(database.url().lastIndexOf('/') + 1);
    String otherName = other.url().substring(other.url().lastIndexOf('/') + 1);
    assertThatThrownBy(() -> new SchemaOwner(other.url(), "postgres", "postgres", null)
        .migrate(engine(database, database.runtime())))
        .hasMessageStartingWith("AUDIT-098 the owner would migrate the audit tables in " + otherName + ".public,"
            + " but the engine works in " + name + ".public.");
  }

  @Test
  void aRuntimeRoleNameWithAQuoteIsRefused() {
    DatabaseRoles.Database database = DatabaseRoles.newDatabase();
    assertThatThrownBy(() -> owner(database, "app\" to public; --").migrate(engine(database, database.runtime())))
        .hasMessage("AUDIT-094 audit.schema.runtime-role must be the name of a role, without double quotes, but"
            + " was: 'app\" to public; --'");
  }

  @Test
  void theOwnerMigratesAndTheRuntimeRoleThenFindsTheSchemaCurrent() throws SQLException {
    DatabaseRoles.Database database = DatabaseRoles.newDatabase();
    assertThat(owner(database, null).migrate(engine(database, database.runtime()))).isEqualTo(SqlDialect.POSTGRESQL);
    assertThat(AuditSchema.migrate(engine(database, database.runtime()))).isEqualTo(SqlDialect.POSTGRESQL);
    try (Connection connection = DriverManager.getConnection(database.url(), database.runtime(), "runtime-secret");
        Statement statement = connection.createStatement()) {
      assertThatThrownBy(() -> statement.execute("insert into audit_schema_history (installed_rank) values (99)"))
          .hasMessage("ERROR: permission denied for table audit_schema_history");
    }
  }

  private static SchemaOwner owner(DatabaseRoles.Database database, String runtimeRole) {
    return new SchemaOwner(null, database.owner(), "owner-secret", runtimeRole);
  }

  private static DriverManagerDataSource engine(DatabaseRoles.Database database, String user) {
    String password = user.equals(database.owner()) ? "owner-secret"
        : user.equals(database.runtime()) ? "runtime-secret" : "postgres";
    return new DriverManagerDataSource(database.url(), user, password);
  }

  private static void asSuperuser(DatabaseRoles.Database database, String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(database.url(), "postgres", "postgres");
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
