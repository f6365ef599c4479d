package org.auditrail.watch;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.auditrail.event.AuditEvent;
import org.auditrail.seal.DaemonTimer;
import org.auditrail.seal.LogProofs;
import org.auditrail.seal.LogVerification;
import org.auditrail.seal.ScheduledWork;
import org.auditrail.store.AuditStorageException;
import org.auditrail.store.AuditStore;
import org.auditrail.store.VerifiedCheckpoints;
import org.auditrail.verify.TrustedTimestampAuthorities;
import org.auditrail.verify.log.VerificationReport;

/**
 * Continuous verification: an incremental run every interval on a daemon thread of its own, a full run when
 * asked (on a cron, by the auto-configuration), never two at a time on this node. Each run is recorded as a
 * {@code verification_completed} event; a run that verified moves the last verified checkpoint on (kept in the
 * database, so a restart continues from it); one that found problems publishes {@link VerificationFailed} and
 * marks the watch degraded until a run verifies again. Nothing here runs on the engine's path.
 */
public final class LogWatch implements AutoCloseable {

  private final AuditStore store;
  private final LogProofs proofs;
  private final LogVerification fullVerification;
  private final IncrementalVerification incremental;
  private final Consumer<VerificationFailed> failures;
  private final Clock clock;
  /** Held by the run under way, incremental or full: one at a time. */
  private final ReentrantLock running = new ReentrantLock();
  private ScheduledExecutorService timer;
  private volatile boolean degraded;
  private volatile Instant lastVerifiedAt;
  private volatile VerificationRun lastRun;

  /**
   * @param anchorDirectory the anchored checkpoints' folder, or {@code null}
   * @param timestampTrust trusted TSA certificates for the checkpoints' tokens, or {@code null} to not check them
   * @param failures told of every run that found problems
   */
  public LogWatch(AuditStore store, LogProofs proofs, LogVerification fullVerification, String origin,
      Path anchorDirectory, TrustedTimestampAuthorities timestampTrust, Consumer<VerificationFailed> failures,
      Clock clock) {
    this.store = store;
    this.proofs = proofs;
    this.fullVerification = fullVerification;
    this.incremental = new IncrementalVerification(store.transactions(), proofs, fullVerification.trustedKeys(),
        origin, anchorDirectory, timestampTrust);
    this.failures = failures;
    this.clock = clock;
    this.lastVerifiedAt = lastVerified().map(VerifiedCheckpoints.Verified::verifiedAt).orElse(null);
  }

  /** Runs {@link #verifyIncrementally} every interval, the first one interval after the start. */
  public synchronized LogWatch start(Duration interval, ScheduledWork work) {
    if (timer == null) {
      timer = DaemonTimer.named("audit-watch");
      timer.scheduleWithFixedDelay(() -> work.run("audit-watch-verify", this::verifyIncrementally),
          interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }
    return this;
  }

  /**
   * Verifies the entries sealed since the last verified checkpoint up to the newest signed one; skipped (empty)
   * while another run is under way.
   */
  public Optional<VerificationRun> verifyIncrementally() {
    if (!running.tryLock()) {
      WatchLogger.runSkipped(VerificationKind.INCREMENTAL.wireName());
      return Optional.empty();
    }
    try {
      return Optional.of(completed(attempt(VerificationKind.INCREMENTAL, () -> incremental.run(lastVerified()))));
    } finally {
      running.unlock();
    }
  }

  /** Verifies the whole log, streaming it; waits for a run under way to end first. */
  public VerificationRun verifyFully() {
    running.lock();
    try {
      return completed(attempt(VerificationKind.FULL, this::fullRun));
    } finally {
      running.unlock();
    }
  }

  private VerificationRun fullRun() {
    long started = System.nanoTime();
    // Read before the run: the run verifies every checkpoint the log holds when it reads it, this one included.
    long newest = proofs.latestCheckpoint().map(LogProofs.StoredCheckpoint::treeSize).orElse(0L);
    VerificationReport report = fullVerification.run();
    return new VerificationRun(VerificationKind.FULL, 0, report.eventsChecked(), 0, newest, report.eventsChecked(),
        report.checkpointsChecked(), report.findings(), Duration.ofNanos(System.nanoTime() - started));
  }

  private VerificationRun attempt(VerificationKind kind, Supplier<VerificationRun> run) {
    try {
      return run.get();
    } catch (RuntimeException | Error e) {
      // The log could not be read to the end: nothing is shown verified meanwhile.
      degraded = true;
      WatchLogger.runNotCompleted(kind.wireName(), e);
      throw e;
    }
  }

  /** Records the run, then moves the verified checkpoint on or raises the failure. */
  private VerificationRun completed(VerificationRun run) {
    Instant now = clock.instant();
    AuditEvent event = VerificationRecord.of(run, now);
    String eventId = event.eventId();
    try {
      store.events().appendDetached(List.of(event), List.of());
    } catch (SQLException | RuntimeException e) {
      WatchLogger.notRecorded(run.kind().wireName(), e);
      eventId = null;
    }
    lastRun = run;
    if (run.verified()) {
      if (run.toCheckpointSize() > 0) {
        proofs.checkpointAt(run.toCheckpointSize()).ifPresent(checkpoint -> record(checkpoint, run, now));
      }
      lastVerifiedAt = now;
      degraded = eventId == null;
      WatchLogger.verified(run);
    } else {
      degraded = true;
      WatchLogger.verificationFailed(run);
      failures.accept(new VerificationFailed(eventId, run));
    }
    return run;
  }

  private void record(LogProofs.StoredCheckpoint checkpoint, VerificationRun run, Instant now) {
    try {
      store.verifiedCheckpoints().record(new VerifiedCheckpoints.Verified(checkpoint.treeSize(),
          checkpoint.rootHash(), now, run.kind().wireName()));
    } catch (SQLException e) {
      throw new AuditStorageException("AUDIT-191 the verified checkpoint of size " + checkpoint.treeSize()
          + " could not be recorded: " + e.getMessage(), e);
    }
  }

  private Optional<VerifiedCheckpoints.Verified> lastVerified() {
    try {
      return store.verifiedCheckpoints().latest();
    } catch (SQLException e) {
      throw new AuditStorageException("AUDIT-191 the last verified checkpoint could not be read: " + e.getMessage(),
          e);
    }
  }

  /** Whether the last run found problems, could not run to its end, or could not be recorded. */
  public boolean degraded() {
    return degraded;
  }

  /** When a run last verified the log up to the newest checkpoint, or {@code null} when none has. */
  public Instant lastVerifiedAt() {
    return lastVerifiedAt;
  }

  /** The last run that completed, or {@code null}. */
  public VerificationRun lastRun() {
    return lastRun;
  }

  @Override
  public synchronized void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
