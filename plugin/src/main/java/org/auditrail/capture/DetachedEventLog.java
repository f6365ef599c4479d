package org.auditrail.capture;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.auditrail.AuditLogger;
import org.auditrail.event.AuditEvent;
import org.auditrail.store.AuditEventWriter;
import org.auditrail.store.ContentBlob;
import org.auditrail.store.Rollback;

/**
 * Commits events in transactions of their own, apart from the engine's, for what happened even if the engine's
 * transaction rolls back: a model call (its data was sent, its cost incurred), a refused review. If the database
 * refuses that write, the event is handed to the running engine command instead, so that it is not dropped.
 */
public final class DetachedEventLog {

  private final DataSource dataSource;
  private final AuditEventWriter writer;

  /**
   * @param dataSource connections that are not bound to the engine's transaction (not Spring's
   *     transaction-aware proxy)
   */
  public DetachedEventLog(DataSource dataSource, AuditEventWriter writer) {
    this.dataSource = dataSource;
    this.writer = writer;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public AuditEventWriter writer() {
    return writer;
  }

  public void append(AuditEvent event, Collection<ContentBlob> blobs) {
    try {
      inTransaction(connection -> writer.write(connection, List.of(event), blobs));
    } catch (SQLException | RuntimeException e) {
      Optional<RunningCommand> command = RunningCommand.current();
      AuditLogger.detachedEventDeferred(event.eventId(), event.eventType().wireName(), command.isPresent(), e);
      command.ifPresent(running -> running.keep(event, blobs));
    }
  }

  /**
   * Commits an event on its own, with no fallback: for an event about a command that is about to fail, whose
   * transaction could not carry it.
   */
  public void appendDetached(AuditEvent event, Collection<ContentBlob> blobs) {
    try {
      inTransaction(connection -> writer.write(connection, List.of(event), blobs));
    } catch (SQLException | RuntimeException e) {
      AuditLogger.detachedEventDeferred(event.eventId(), event.eventType().wireName(), false, e);
    }
  }

  public void inTransaction(SqlWork work) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        work.run(connection);
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        Rollback.keepingCause(connection, e);
        throw e;
      }
    }
  }

  /** Work on a connection whose transaction commits when it returns and rolls back when it throws. */
  @FunctionalInterface
  public interface SqlWork {
    void run(Connection connection) throws SQLException;
  }
}
