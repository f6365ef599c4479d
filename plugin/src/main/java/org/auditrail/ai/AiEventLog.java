package org.auditrail.ai;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.auditrail.AuditLogger;
import org.auditrail.capture.RunningCommand;
import org.auditrail.event.AuditEvent;
import org.auditrail.log.AuditEventWriter;
import org.auditrail.log.ContentBlob;

/**
 * Commits the events of AI tasks in transactions of their own, apart from the engine's: a model call happened,
 * its data was sent and its cost incurred, even if the engine's transaction later rolls back. If the database
 * refuses that write, the event is handed to the engine command instead, so that it is never dropped.
 */
final class AiEventLog {

  private final DataSource dataSource;
  private final AuditEventWriter writer;

  /**
   * @param dataSource connections that are not bound to the engine's transaction (not Spring's
   *     transaction-aware proxy)
   */
  AiEventLog(DataSource dataSource, AuditEventWriter writer) {
    this.dataSource = dataSource;
    this.writer = writer;
  }

  DataSource dataSource() {
    return dataSource;
  }

  AuditEventWriter writer() {
    return writer;
  }

  void append(AuditEvent event, Collection<ContentBlob> blobs) {
    try {
      inTransaction(connection -> writer.write(connection, List.of(event), blobs));
    } catch (SQLException | RuntimeException e) {
      Optional<RunningCommand> command = RunningCommand.current();
      AuditLogger.aiEventDeferred(event.eventId(), event.eventType().wireName(), command.isPresent(), e);
      command.ifPresent(running -> running.keep(event, blobs));
    }
  }

  void inTransaction(SqlWork work) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        work.run(connection);
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    }
  }

  @FunctionalInterface
  interface SqlWork {
    void run(Connection connection) throws SQLException;
  }
}
