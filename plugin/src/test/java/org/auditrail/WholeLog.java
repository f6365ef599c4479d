package org.auditrail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.auditrail.logformat.SealingQueue;
import org.auditrail.verify.NoteVerifier;
import org.auditrail.verify.jdbc.JdbcLogSource;
import org.auditrail.verify.log.LogVerifier;
import org.auditrail.verify.log.VerificationReport;

/** What the cluster, fault and migration tests check of the log as a whole, read on one connection. */
public final class WholeLog {

  private WholeLog() {}

  public static long count(Connection db, String sql) throws SQLException {
    try (Statement statement = db.createStatement(); ResultSet row = statement.executeQuery(sql)) {
      row.next();
      return row.getLong(1);
    }
  }

  /** Every recorded event is sealed exactly once, under gapless indexes; answers how many events there are. */
  public static long assertSealedExactlyOnce(Connection db) throws SQLException {
    long events = count(db, "select count(*) from audit_event");
    List<String> sealed = sealedEventIds(db);
    assertThat(sealed).hasSize((int) events).doesNotHaveDuplicates();
    assertThat(count(db, "select sum(event_count) from audit_log_batch")).isEqualTo(events);
    return events;
  }

  /**
   * The ids of the sealed events in log order, read from the log's batches; fails unless each batch starts where
   * the one before it ended.
   */
  public static List<String> sealedEventIds(Connection db) throws SQLException {
    List<String> ids = new ArrayList<>();
    try (Statement statement = db.createStatement();
        ResultSet rows = statement.executeQuery("select first_index, entries from audit_log_batch"
            + " order by first_index")) {
      while (rows.next()) {
        assertThat(rows.getLong(1)).isEqualTo(ids.size());
        SealingQueue.decode(rows.getBytes(2)).forEach(entry -> ids.add(entry.eventId()));
      }
    }
    return ids;
  }

  /** A full verification trusting the given keys finds nothing and checks every one of the events. */
  public static VerificationReport assertVerifies(Connection db, Path anchors, long events, NoteVerifier... keys)
      throws SQLException, IOException {
    VerificationReport report = JdbcLogSource.verify(db, anchors, new LogVerifier(List.of(keys)));
    assertThat(report.findings()).isEmpty();
    assertThat(report.eventsChecked()).isEqualTo(events);
    return report;
  }
}
