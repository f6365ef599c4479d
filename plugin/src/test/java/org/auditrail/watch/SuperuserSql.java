package org.auditrail.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * SQL on the test's PostgreSQL as its superuser, which the application's runtime role is not: what someone who owns
 * the database could do to the log behind the application's back.
 */
final class SuperuserSql {

  private SuperuserSql() {
  }

  /** Runs the statement on {@code audit_command} with its append-only triggers disabled for the while. */
  static void withTriggersOff(DataSource dataSource, String sql) throws Exception {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      connection.setAutoCommit(false);
      statement.execute("alter table audit_command disable trigger user");
      statement.execute(sql);
      statement.execute("alter table audit_command enable trigger user");
      connection.commit();
    }
  }

  /** The first column of the query's one row. */
  static String single(DataSource dataSource, String sql) throws Exception {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      assertThat(rows.next()).as(sql).isTrue();
      return rows.getString(1);
    }
  }
}
