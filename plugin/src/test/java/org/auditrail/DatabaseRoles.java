package org.auditrail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A new database on the shared PostgreSQL server with two roles of its own, as docker-compose sets them up: the
 * owner of the database, who migrates the audit tables, and the runtime role the engine connects as, which may
 * create Camunda's tables in the schema but is neither a superuser nor a member of the owner.
 */
final class DatabaseRoles {

  record Database(String url, String owner, String runtime) {}

  private DatabaseRoles() {}

  static Database newDatabase() {
    String asSuperuser = EmbeddedPostgresServer.newDatabase();
    // The server's URL names the superuser as a parameter, which would win over the data source's user name.
    String url = asSuperuser.substring(0, asSuperuser.indexOf('?'));
    String name = url.substring(url.lastIndexOf('/') + 1);
    Database database = new Database(url, name + "_owner", name + "_runtime");
    try (Connection connection = DriverManager.getConnection(asSuperuser);
        Statement statement = connection.createStatement()) {
      statement.execute("create role " + database.owner() + " login password 'owner-secret'");
      statement.execute("create role " + database.runtime() + " login password 'runtime-secret'");
      statement.execute("alter database " + name + " owner to " + database.owner());
      statement.execute("grant usage, create on schema public to " + database.owner() + ", " + database.runtime());
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create the roles of " + name, e);
    }
    return database;
  }

  /** The engine connects as the runtime role, and the audit tables are migrated as the owner. */
  static Database useRuntimeRole(DynamicPropertyRegistry registry) {
    Database database = newDatabase();
    registry.add("spring.datasource.url", database::url);
    registry.add("spring.datasource.username", database::runtime);
    registry.add("spring.datasource.password", () -> "runtime-secret");
    registry.add("audit.schema.username", database::owner);
    registry.add("audit.schema.password", () -> "owner-secret");
    return database;
  }

  static String currentUser(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        var row = statement.executeQuery("select current_user")) {
      row.next();
      return row.getString(1);
    }
  }
}
