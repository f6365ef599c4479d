package org.auditrail.report;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.auditrail.event.Actor;
import org.springframework.scheduling.support.CronExpression;

/**
 * Generates and archives last month's report on a cron schedule (by default at 02:00 UTC on the 1st), without
 * switching on scheduling for the whole application.
 */
public final class ReportSchedule implements AutoCloseable {

  static final Actor SCHEDULER = Actor.system("report-scheduler", null);

  private final CronExpression cron;
  private final ReportJobs jobs;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "audit-report-schedule");
    thread.setDaemon(true);
    return thread;
  });

  /** @param cron a Spring cron expression, evaluated in UTC */
  public ReportSchedule(String cron, ReportJobs jobs) {
    this.cron = CronExpression.parse(cron);
    this.jobs = jobs;
  }

  public void start() {
    scheduleNext();
  }

  private void scheduleNext() {
    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
    ZonedDateTime next = cron.next(now);
    if (next == null) {
      return;
    }
    timer.schedule(() -> {
      jobs.submit(ReportMonth.current().previous(), SCHEDULER);
      scheduleNext();
    }, now.until(next, ChronoUnit.MILLIS), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
