package org.auditrail.seal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.auditrail.WholeLog;
import org.auditrail.autoconfigure.CronSchedule;
import org.auditrail.event.Actor;
import org.auditrail.event.AuditEvent;
import org.auditrail.event.EventContext;
import org.auditrail.event.EventIds;
import org.auditrail.event.EventJson;
import org.auditrail.event.EventType;
import org.auditrail.event.Outcome;
import org.auditrail.logformat.SealingQueue;
import org.auditrail.store.AuditStore;
import org.auditrail.verify.MerkleFrontier;
import org.auditrail.verify.NoteSigner;
import org.auditrail.verify.jdbc.JdbcLogSource;
import org.auditrail.verify.log.Finding;
import org.auditrail.verify.log.LogVerifier;
import org.auditrail.verify.log.VerificationReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The sequencer extends only a head that agrees with the log and its last signed checkpoint, sets aside queue rows
 * it cannot seal, and keeps sealing through any failure of a round or of a background task; on H2 and PostgreSQL.
 */
abstract class SequencerTrustContract {

  private static final HexFormat HEX = HexFormat.of();
  private static final Instant RECORDED = Instant.parse("2026-01-12T09:30:00Z");
  private static final Instant NOW = Instant.parse("2026-01-12T09:31:00Z");

  private final NoteSigner signer = NoteSigner.generate("trust-test", new SecureRandom());
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private DataSource dataSource;
  private AuditStore store;

  /** A new, empty database. */
  abstract DataSource newDatabase();

  @BeforeEach
  void openStore() {
    dataSource = newDatabase();
    store = AuditStore.open(dataSource);
    log.start();
    ((Logger) LoggerFactory.getLogger("org.auditrail")).addAppender(log);
  }

  @AfterEach
  void detachLog() {
    ((Logger) LoggerFactory.getLogger("org.auditrail")).detachAppender(log);
  }

  @Test
  void aHeadWhoseLastLeafWasEditedGetsNoSealOrSignatureUntilItIsRestored() throws Exception {
    Sequencer sequencer = sequencer(Clock.fixed(NOW, ZoneOffset.UTC));
    record(3);
    assertThat(sequencer.sealOnce(true)).isEqualTo(3);
    byte[] lastLeaf = headColumn("last_leaf_hash");
    byte[] edited = new byte[32];
    Arrays.fill(edited, (byte) 0x11);
    setHead("last_leaf_hash", edited);
    record(2);

    assertThat(sequencer.sealOnce(true)).isZero();
    assertThat(sequencer.sealOnce(true)).isZero();

    String cause = "the head's last leaf " + HEX.formatHex(edited) + " does not match the log's last sealed leaf "
        + HEX.formatHex(lastLeaf);
    assertThat(count("select count(*) from audit_checkpoint")).isEqualTo(1);
    assertThat(count("select count(*) from audit_log_batch")).isEqualTo(1);
    assertThat(sequencer.status().degraded()).isTrue();
    assertThat(sequencer.status().headMismatch()).isEqualTo(cause);
    assertThat(sequencer.status().sealingFailure()).isNull();
    assertThat(messages("AUDIT-120")).containsExactly("AUDIT-120 the log head disagrees with the log or its last"
        + " signed checkpoint: " + cause + ". Nothing is sealed or signed until audit_log_head is restored"
        + " (docs/operations.md)");

    setHead("last_leaf_hash", lastLeaf);

    assertThat(sequencer.sealOnce(true)).isEqualTo(2);
    assertThat(count("select count(*) from audit_checkpoint")).isEqualTo(2);
    assertThat(sequencer.status().degraded()).isFalse();
    assertThat(sequencer.status().headMismatch()).isNull();
    assertThat(messages("AUDIT-121")).containsExactly("AUDIT-121 the log head agrees with the log and its last"
        + " signed checkpoint again; sealing resumes");
    try (Connection connection = dataSource.getConnection()) {
      // The five events and the two rounds' summaries of their traces.
      WholeLog.assertVerifies(connection, null, 7, signer.verifier());
    }
  }

  @Test
  void aForkedFrontierAtTheSignedSizeIsRefused() throws Exception {
    Sequencer sequencer = sequencer(Clock.fixed(NOW, ZoneOffset.UTC));
    record(3);
    assertThat(sequencer.sealOnce(true)).isEqualTo(3);
    byte[] signedRoot = MerkleFrontier.fromBytes(headColumn("frontier")).root();
    long size = headSize();
    MerkleFrontier fork = fork(size);
    setHead("frontier", fork.toBytes());
    record(1);

    assertThat(sequencer.sealOnce(true)).isZero();

    assertThat(sequencer.status().headMismatch()).isEqualTo("the head's root " + HEX.formatHex(fork.root())
        + " at size " + size + " does not match the last signed checkpoint's root " + HEX.formatHex(signedRoot));
    assertThat(count("select count(*) from audit_checkpoint")).isEqualTo(1);
    assertThat(count("select count(*) from audit_unsealed")).isEqualTo(1);
  }

  @Test
  void aNodeStartingOnAForkedHeadBeyondTheCheckpointRecomputesTheLogAndRefuses() throws Exception {
    Sequencer first = sequencer(Clock.fixed(NOW, ZoneOffset.UTC));
    record(3);
    assertThat(first.sealOnce(true)).isEqualTo(3);
    record(2);
    assertThat(first.sealOnce(false)).isEqualTo(2);
    byte[] logRoot = MerkleFrontier.fromBytes(headColumn("frontier")).root();
    long size = headSize();
    MerkleFrontier fork = fork(size);
    setHead("frontier", fork.toBytes());
    record(1);

    Sequencer restarted = sequencer(Clock.fixed(NOW, ZoneOffset.UTC));

    assertThat(restarted.sealOnce(true)).isZero();
    assertThat(restarted.status().headMismatch()).isEqualTo("the head's root " + HEX.formatHex(fork.root())
        + " at size " + size + " does not match the log's root " + HEX.formatHex(logRoot));
    assertThat(count("select count(*) from audit_checkpoint")).isEqualTo(1);
  }

  @Test
  void nodesTakingTurnsCheckTheLeavesTheOtherSealedAndRefuseAForkOfThem() throws Exception {
    Sequencer first = sequencer(Clock.fixed(NOW, ZoneOffset.UTC));
    Sequencer second = sequencer(Clock.fixed(NOW, ZoneOffset.UTC));
    record(2);
    assertThat(first.sealOnce(true)).isEqualTo(2);
    record(3);
    assertThat(second.sealOnce(false)).isEqualTo(3);
    record(1);
    assertThat(first.sealOnce(false)).isEqualTo(1);
    record(2);
    assertThat(second.sealOnce(true)).isEqualTo(2);
    assertThat(first.status().degraded()).isFalse();
    assertThat(second.status().degraded()).isFalse();
    byte[] logRoot = MerkleFrontier.fromBytes(headColumn("frontier")).root();
    long size = headSize();
    MerkleFrontier fork = fork(size);
    setHead("frontier", fork.toBytes());
    record(1);

    assertThat(first.sealOnce(true)).isZero();

    assertThat(first.status().headMismatch()).isEqualTo("the head's root " + HEX.formatHex(fork.root())
        + " at size " + size + " does not match the last signed checkpoint's root " + HEX.formatHex(logRoot));
    assertThat(count("select count(*) from audit_log_batch")).isEqualTo(4);
    assertThat(count("select count(*) from audit_checkpoint")).isEqualTo(2);
    assertThat(count("select count(*) from audit_unsealed")).isEqualTo(1);
  }

  @Test
  void nodesTakingTurnsRefuseAForkBeyondTheCheckpoint() throws Exception {
    Sequencer first = sequencer(Clock.fixed(NOW, ZoneOffset.UTC));
    Sequencer second = sequencer(Clock.fixed(NOW, ZoneOffset.UTC));
    record(2);
    assertThat(first.sealOnce(true)).isEqualTo(2);
    record(3);
    assertThat(second.sealOnce(false)).isEqualTo(3);
    record(1);
    assertThat(first.sealOnce(false)).isEqualTo(1);
    byte[] logRoot = MerkleFrontier.fromBytes(headColumn("frontier")).root();
    long size = headSize();
    MerkleFrontier fork = fork(size);
    setHead("frontier", fork.toBytes());

    assertThat(second.sealOnce(false)).isZero();

    assertThat(second.status().headMismatch()).isEqualTo("the head's root " + HEX.formatHex(fork.root())
        + " at size " + size + " does not match the log's root " + HEX.formatHex(logRoot));
  }

  @Test
  void malformedQueueRowsAreQuarantinedAndTheOtherEventsSealed() throws Exception {
    List<AuditEvent> malformed = record(2);
    String malformedCommand = queuedCommandIds().get(0);
    execute("update audit_unsealed set entries = ? where command_id = ?", new byte[] {5, (byte) 0xab},
        malformedCommand);
    execute("insert into audit_unsealed (batch_id, event_count, entries, recorded_at, command_id, first_line)"
        + " values (?, ?, ?, ?, ?, ?)", "orphan-row", 1, SealingQueue.encode(List.of(new SealingQueue.Queued(
        "orphan-event", new byte[32]))), RECORDED.atOffset(ZoneOffset.UTC), "no-such-command", 0);
    record(3);
    Sequencer sequencer = sequencer(Clock.fixed(NOW, ZoneOffset.UTC));

    assertThat(sequencer.sealOnce(true)).isEqualTo(3);

    assertThat(rows("select batch_id, command_id, reason from audit_unsealed_quarantine order by batch_id"))
        .containsExactly(malformed.get(0).eventId() + " " + malformedCommand
            + " a sealing queue row is cut short at byte 1",
            "orphan-row no-such-command command row 'no-such-command' does not exist");
    assertThat(count("select count(*) from audit_unsealed")).isZero();
    assertThat(messages("AUDIT-122")).containsExactly(
        "AUDIT-122 sealing queue row " + malformed.get(0).eventId() + " (command row " + malformedCommand
            + ") cannot be sealed and was moved to audit_unsealed_quarantine: a sealing queue row is cut short at"
            + " byte 1. Sealing goes on with the other rows; the verifier reports its events as unsealed",
        "AUDIT-122 sealing queue row orphan-row (command row no-such-command) cannot be sealed and was moved to"
            + " audit_unsealed_quarantine: command row 'no-such-command' does not exist. Sealing goes on with the"
            + " other rows; the verifier reports its events as unsealed");
    assertThat(sequencer.status().degraded()).isFalse();
    record(1);
    assertThat(sequencer.sealOnce(true)).isEqualTo(1);
    try (Connection connection = dataSource.getConnection()) {
      VerificationReport report = JdbcLogSource.verify(connection, null, new LogVerifier(List.of(signer.verifier())));
      assertThat(report.eventsChecked()).isEqualTo(6); // four events, and two rounds' trace summaries
      assertThat(report.findings().stream().map(Finding::toString)).containsExactlyInAnyOrder(
          "inserted event " + malformed.get(0).eventId() + ": the event is in the event table but was never"
              + " sealed into the log and is not waiting to be",
          "inserted event " + malformed.get(1).eventId() + ": the event is in the event table but was never"
              + " sealed into the log and is not waiting to be");
    }
  }

  @Test
  void theSealLagIsMeasuredFromTheOldestQueuedRow() throws Exception {
    Sequencer sequencer = sequencer(Clock.fixed(NOW, ZoneOffset.UTC));
    assertThat(sequencer.status().oldestUnsealedMillis()).isZero();
    record(2);

    assertThat(sequencer.status().oldestUnsealedMillis()).isEqualTo(60_000);

    sequencer.sealOnce(true);
    assertThat(sequencer.status().oldestUnsealedMillis()).isZero();
  }

  @Test
  void anErrorInASealingRoundIsReportedAndSealingGoesOn() throws Exception {
    ErrorOnSequencerThread clock = new ErrorOnSequencerThread();
    try (Sequencer sequencer = sequencer(clock)) {
      record(2);
      sequencer.start();

      await(() -> sequencer.status().sealingFailure() != null);
      assertThat(sequencer.status().sealingFailure()).isEqualTo("java.lang.OutOfMemoryError: test: out of memory");
      assertThat(sequencer.status().degraded()).isTrue();
      assertThat(count("select count(*) from audit_log_batch")).isZero();

      clock.failing = false;
      await(() -> sequencer.status().sealingFailure() == null);
      assertThat(count("select count(*) from audit_log_batch")).isEqualTo(1);
      assertThat(sequencer.status().degraded()).isFalse();
    }
  }

  @Test
  void anErrorInAScheduledTaskKeepsTheScheduleAndShowsAsDegraded() throws Exception {
    Sequencer sequencer = sequencer(Clock.systemUTC());
    AtomicInteger runs = new AtomicInteger();
    AtomicReference<String> seenBySecondRun = new AtomicReference<>();
    Runnable throwsOnce = () -> {
      int run = runs.incrementAndGet();
      if (run == 1) {
        throw new OutOfMemoryError("test: out of memory");
      }
      if (run == 2) {
        // What the status says between the failed turn and the next: read inside the next turn, so that no
        // timing of the test's own polling can miss it.
        seenBySecondRun.set(sequencer.status().scheduledFailure() + " | degraded " + sequencer.status().degraded());
      }
    };
    try (CronSchedule schedule = new CronSchedule("test-schedule", "* * * * * *", throwsOnce,
        sequencer.scheduledWork()).start()) {
      await(() -> runs.get() >= 2 && sequencer.status().scheduledFailure() == null);
      assertThat(seenBySecondRun.get())
          .isEqualTo("test-schedule: java.lang.OutOfMemoryError: test: out of memory | degraded true");
      assertThat(messages("AUDIT-123")).containsExactly("AUDIT-123 the background task test-schedule failed; it"
          + " keeps its schedule, and the log reports degraded until it runs cleanly");
      assertThat(sequencer.status().degraded()).isFalse();
    }
  }

  private Sequencer sequencer(Clock clock) {
    return new Sequencer(store, signer, new LogSettings("trust.example/log", "trust-test", null, null,
        Duration.ofMillis(50), Duration.ofHours(1), 1000, List.of(), null, Duration.ofSeconds(1)), clock);
  }

  /** Records events as one command row, and answers them. */
  private List<AuditEvent> record(int events) throws SQLException {
    String trace = EventIds.next();
    List<AuditEvent> recorded = new ArrayList<>();
    for (int i = 0; i < events; i++) {
      recorded.add(new AuditEvent(EventIds.next(), trace, null, RECORDED, Actor.user("mary", null),
          EventType.TASK_COMPLETED, EventContext.builder().processInstanceId("pi-" + trace).businessKey("KYC-" + i)
          .build(), null, null, EventJson.mapper().createObjectNode().put("decision", "approve " + i), null,
          Outcome.SUCCESS, null));
    }
    store.events().appendDetached(recorded, List.of());
    return recorded;
  }

  /** A tree of other leaves whose last leaf is the head's, as a database user could compute and store. */
  private MerkleFrontier fork(long size) throws SQLException {
    MerkleFrontier fork = new MerkleFrontier();
    for (long i = 1; i < size; i++) {
      byte[] leaf = new byte[32];
      Arrays.fill(leaf, (byte) i);
      fork.append(leaf);
    }
    fork.append(headColumn("last_leaf_hash"));
    return fork;
  }

  /** The head's tree size: the sealed events and each round's trace summaries. */
  private long headSize() throws SQLException {
    return MerkleFrontier.fromBytes(headColumn("frontier")).size();
  }

  private byte[] headColumn(String column) throws SQLException {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("select " + column + " from audit_log_head where id = 1")) {
      row.next();
      return row.getBytes(1);
    }
  }

  private void setHead(String column, byte[] value) throws SQLException {
    execute("update audit_log_head set " + column + " = ? where id = 1", value);
  }

  private void execute(String sql, Object... values) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        statement.setObject(i + 1, values[i]);
      }
      statement.executeUpdate();
    }
  }

  private long count(String sql) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      return WholeLog.count(connection, sql);
    }
  }

  private List<String> rows(String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
        ResultSet found = statement.executeQuery(sql)) {
      while (found.next()) {
        rows.add(found.getString(1) + " " + found.getString(2) + " " + found.getString(3));
      }
    }
    return rows;
  }

  private List<String> queuedCommandIds() throws SQLException {
    List<String> ids = new ArrayList<>();
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
        ResultSet found = statement.executeQuery("select distinct command_id from audit_unsealed")) {
      while (found.next()) {
        ids.add(found.getString(1));
      }
    }
    return ids;
  }

  private List<String> messages(String code) {
    return log.list.stream().map(ILoggingEvent::getFormattedMessage).filter(text -> text.startsWith(code))
        .toList();
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited 10 s for the condition").isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  /** A clock that runs out of memory on the sequencer's thread while {@code failing}: a test hook for an Error. */
  private static final class ErrorOnSequencerThread extends Clock {
    volatile boolean failing = true;

    @Override
    public Instant instant() {
      if (failing && Thread.currentThread().getName().equals("audit-log-sequencer")) {
        throw new OutOfMemoryError("test: out of memory");
      }
      return Instant.now();
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
