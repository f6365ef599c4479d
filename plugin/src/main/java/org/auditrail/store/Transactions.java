package org.auditrail.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Connections to the engine's database that are not bound to the engine's transaction: for what commits on its own
 * (a model call, a refused review, a sealing round) and for the tables a feature owns alone.
 */
public final class Transactions {

  private final DataSource dataSource;

  Transactions(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Runs work in a transaction that commits when it returns and rolls back, keeping the cause, when it throws. */
  public void inTransaction(SqlWork work) throws SQLException {
    inTransactionAnswering(connection -> {
      work.run(connection);
      return null;
    });
  }

  /** Like {@link #inTransaction}, answering what the work answers. */
  public <T> T inTransactionAnswering(SqlCall<T> work) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        T answer = work.call(connection);
        connection.commit();
        return answer;
      } catch (SQLException | RuntimeException e) {
        Rollback.keepingCause(connection, e);
        throw e;
      }
    }
  }

  /** Runs work on a connection of its own, as the data source hands it out (auto-commit, unless the work says). */
  public <T> T onConnection(SqlCall<T> work) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      return work.call(connection);
    }
  }

  /** Work on a connection whose transaction commits when it returns and rolls back when it throws. */
  @FunctionalInterface
  public interface SqlWork {
    void run(Connection connection) throws SQLException;
  }

  /** Work on a connection that answers a value. */
  @FunctionalInterface
  public interface SqlCall<T> {
    T call(Connection connection) throws SQLException;
  }
}
