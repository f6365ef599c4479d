package org.auditrail.verify.jdbc;

import java.sql.SQLException;

/** A database error met while the verifier pulls from a source, carried out to {@link JdbcLogSource}. */
final class ReadFailure extends RuntimeException {

  ReadFailure(SQLException cause) {
    super(cause);
  }

  @Override
  public synchronized SQLException getCause() {
    return (SQLException) super.getCause();
  }
}
