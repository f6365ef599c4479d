package org.auditrail.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Rolls back a local transaction that failed, without letting the rollback's own failure hide the cause. */
public final class Rollback {

  private Rollback() {}

  /**
   * When the database went away, the rollback fails too ("Connection is closed"); rethrowing that would leave the
   * operator, the log and the sealing status with the symptom instead of the cause. It is kept as suppressed.
   */
  public static void keepingCause(Connection connection, Exception cause) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }
}
