package org.auditrail.report;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.auditrail.AuditLogger;
import org.auditrail.event.Actor;
import org.auditrail.seal.ScheduledWork;

/**
 * Generates reports in the background, one at a time, and keeps each month's progress for the reports page: a
 * long month does not hold a request open, and a second request for a month being generated joins the first.
 */
public final class ReportJobs implements AutoCloseable {

  /**
   * @param state {@code queued}, a {@link ComplianceReports.Stage} in lower case, {@code done} or {@code failed}
   */
  public record Progress(ReportMonth month, String state, String requestedBy, Instant startedAt, Instant finishedAt,
      String error) {

    public boolean running() {
      return finishedAt == null;
    }

    Progress at(String newState) {
      return new Progress(month, newState, requestedBy, startedAt, null, null);
    }

    Progress finished(String newState, String failure) {
      return new Progress(month, newState, requestedBy, startedAt, Instant.now(), failure);
    }
  }

  /** Who generates the reports the schedule asks for. */
  public static final Actor SCHEDULER = Actor.system("report-scheduler", null);

  private static final String WORKER = "audit-report-generation";

  private final ComplianceReports reports;
  private final Map<ReportMonth, Progress> progress = new ConcurrentHashMap<>();
  private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
    Thread thread = new Thread(runnable, WORKER);
    thread.setDaemon(true);
    return thread;
  });

  private final ScheduledWork work;

  public ReportJobs(ComplianceReports reports) {
    this(reports, new ScheduledWork());
  }

  /** @param work where a failed generation is reported, so that the log's status shows it as degraded */
  public ReportJobs(ComplianceReports reports, ScheduledWork work) {
    this.reports = reports;
    this.work = work;
  }

  public synchronized Progress submit(ReportMonth month, Actor requestedBy) {
    Progress known = progress.get(month);
    if (known != null && known.running()) {
      return known;
    }
    Progress queued = new Progress(month, "queued", requestedBy.id(), Instant.now(), null, null);
    progress.put(month, queued);
    worker.submit(() -> run(month, requestedBy));
    return queued;
  }

  public Optional<Progress> progressOf(ReportMonth month) {
    return Optional.ofNullable(progress.get(month));
  }

  private void run(ReportMonth month, Actor requestedBy) {
    try {
      reports.generate(month, requestedBy,
          stage -> progress.computeIfPresent(month, (key, now) -> now.at(stage.name().toLowerCase(Locale.ROOT))));
      progress.computeIfPresent(month, (key, now) -> now.finished("done", null));
      work.succeeded(WORKER);
    } catch (Throwable e) {
      // Every Throwable, OutOfMemoryError too: the month must not stay "running" and the worker must go on.
      AuditLogger.reportFailed(month.id(), e);
      progress.computeIfPresent(month, (key, now) -> now.finished("failed", String.valueOf(e.getMessage())));
      work.failed(WORKER, e);
    }
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }
}
