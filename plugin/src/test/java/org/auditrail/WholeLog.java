package org.auditrail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
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
    assertThat(count(db, "select count(*) from audit_log_entry")).isEqualTo(events);
    assertThat(count(db, "select count(distinct event_id) from audit_log_entry")).isEqualTo(events);
    assertThat(count(db, "select max(log_index) + 1 from audit_log_entry")).isEqualTo(events);
    return events;
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
