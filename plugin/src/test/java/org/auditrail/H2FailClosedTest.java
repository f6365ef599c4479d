package org.auditrail;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Fail closed on the embedded default database. */
class H2FailClosedTest extends FailClosedContract {

  @Override
  void refuseInserts(Connection connection, String table, String text) throws SQLException {
    RefusingTrigger.refuse(table + "_refused", text);
    try (Statement statement = connection.createStatement()) {
      statement.execute("create trigger " + table + "_refused before insert on " + table + " for each row call \""
          + RefusingTrigger.class.getName() + "\"");
    }
  }

  @Override
  void allowInserts(Connection connection, String table) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("drop trigger " + table + "_refused");
    }
  }
}
