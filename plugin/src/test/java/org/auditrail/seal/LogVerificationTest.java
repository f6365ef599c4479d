package org.auditrail.seal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.auditrail.event.Actor;
import org.auditrail.event.AuditEvent;
import org.auditrail.event.EventContext;
import org.auditrail.event.EventIds;
import org.auditrail.event.EventType;
import org.auditrail.event.Outcome;
import org.auditrail.store.AuditStore;
import org.auditrail.verify.NoteSigner;
import org.auditrail.verify.log.VerificationBounds;
import org.auditrail.verify.log.VerificationReport;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The application's own verification: one full pass at a time, and what it could not compare is said. */
class LogVerificationTest {

  private final NoteSigner signer = NoteSigner.generate("verification-test", new SecureRandom());

  @Test
  void aVerificationRequestedWhileOneRunsSharesItsReportInsteadOfStartingAnother() throws Exception {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:single-flight-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    GatedDataSource gated = new GatedDataSource(h2);
    LogVerification verification = new LogVerification(AuditStore.open(gated).transactions(), null,
        List.of(signer.verifier()));
    gated.connections.set(0);
    gated.closeGate();

    ExecutorService callers = Executors.newFixedThreadPool(3);
    List<Future<VerificationReport>> reports = List.of(callers.submit(verification::run),
        callers.submit(verification::run), callers.submit(verification::run));
    assertThat(gated.waiting.await(10, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(200);
    gated.openGate();
    VerificationReport first = reports.get(0).get(10, TimeUnit.SECONDS);
    assertThat(reports.get(1).get(10, TimeUnit.SECONDS)).isSameAs(first);
    assertThat(reports.get(2).get(10, TimeUnit.SECONDS)).isSameAs(first);
    assertThat(gated.connections).hasValue(1);
    callers.shutdown();

    assertThat(verification.run()).isNotSameAs(first).isEqualTo(first);
    assertThat(gated.connections).hasValue(2);
  }

  @Test
  void aConfiguredAnchorFolderThatIsMissingIsSaidNotPassedOver() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:anchors-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    AuditStore store = AuditStore.open(h2);
    LogVerification missing = new LogVerification(store.transactions(), Path.of("target", "no-such-anchors-"
        + UUID.randomUUID()), List.of(signer.verifier()));
    assertThat(missing.anchorsConfigured()).isTrue();
    assertThat(missing.anchorsMissing()).isTrue();
    assertThat(missing.run().verified()).isTrue();
    LogVerification none = new LogVerification(store.transactions(), null, List.of(signer.verifier()));
    assertThat(none.anchorsConfigured()).isFalse();
    assertThat(none.anchorsMissing()).isFalse();
  }

  @Test
  void theApplicationsVerificationReportsEventsSealedLateAndLeftUnsignedAndAForeignOrigin() throws Exception {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:bounds-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    AuditStore store = AuditStore.open(h2);
    Instant now = Instant.parse("2026-01-12T12:00:00Z");
    Sequencer sequencer = new Sequencer(store, signer, new LogSettings("bounds.example/log", "verification-test",
        null, null, Duration.ofSeconds(1), Duration.ofHours(1), 1000, List.of(), null, Duration.ofSeconds(1)),
        Clock.fixed(now, ZoneOffset.UTC));
    AuditEvent late = event(now.minus(Duration.ofHours(2)));
    store.events().appendDetached(List.of(late), List.of());
    sequencer.sealOnce(true);
    // Ten minutes before its sealing: older than the trace summary sealed with it, so it is the oldest unsigned.
    AuditEvent unsigned = event(now.minus(Duration.ofMinutes(10)));
    store.events().appendDetached(List.of(unsigned), List.of());
    // No checkpoint is due within the hour: the second event stays unsigned.
    sequencer.sealOnce(false);

    VerificationBounds bounds = new VerificationBounds(Duration.ofHours(1), Duration.ofMinutes(30),
        Clock.fixed(now.plus(Duration.ofHours(1)), ZoneOffset.UTC));
    VerificationReport report = new LogVerification(store.transactions(), null, List.of(signer.verifier()),
        "bounds.example/log", bounds).run();
    assertThat(report.findings()).extracting(finding -> finding.problem().wireName() + " " + finding.eventId())
        .containsExactly("backdated " + late.eventId(), "unsigned " + unsigned.eventId());
    VerificationReport foreign = new LogVerification(store.transactions(), null, List.of(signer.verifier()),
        "other.example/log", VerificationBounds.OFF).run();
    assertThat(foreign.findings()).extracting(finding -> finding.problem().wireName())
        .containsExactly("checkpoint_forged");
  }

  private static AuditEvent event(Instant at) {
    return new AuditEvent(EventIds.next(), "case-" + at, null, at, Actor.user("mary", null),
        EventType.TASK_COMPLETED, EventContext.builder().build(), null, null, null, null, Outcome.SUCCESS, null);
  }

  /** A data source whose connections wait at a gate, so that a verification can be held while others come. */
  private static final class GatedDataSource implements DataSource {
    private final DataSource target;
    final AtomicInteger connections = new AtomicInteger();
    final CountDownLatch waiting = new CountDownLatch(1);
    private volatile CountDownLatch gate = new CountDownLatch(0);

    GatedDataSource(DataSource target) {
      this.target = target;
    }

    void closeGate() {
      gate = new CountDownLatch(1);
    }

    void openGate() {
      gate.countDown();
    }

    @Override
    public Connection getConnection() throws SQLException {
      connections.incrementAndGet();
      waiting.countDown();
      try {
        gate.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return target.getConnection();
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
      return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() {
      return Logger.getGlobal();
    }

    @Override
    public <T> T unwrap(Class<T> type) {
      return null;
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
      return false;
    }
  }
}
