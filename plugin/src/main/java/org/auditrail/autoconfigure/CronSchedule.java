package org.auditrail.autoconfigure;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.auditrail.seal.DaemonTimer;
import org.auditrail.seal.ScheduledWork;
import org.springframework.scheduling.support.CronExpression;

/**
 * Runs a task on a cron schedule (Spring cron syntax, UTC) on a daemon thread of its own, without switching on
 * scheduling for the whole application: the monthly report, the retention sweep. A turn that fails, even with an
 * {@link Error}, is reported to {@link ScheduledWork} (so the log's status shows {@code degraded}), and the next
 * turn is scheduled all the same.
 */
public final class CronSchedule implements AutoCloseable {

  private final String name;
  private final CronExpression cron;
  private final Runnable task;
  private final ScheduledExecutorService timer;
  private final ScheduledWork work;

  public CronSchedule(String name, String cron, Runnable task) {
    this(name, cron, task, new ScheduledWork());
  }

  public CronSchedule(String name, String cron, Runnable task, ScheduledWork work) {
    this.name = name;
    this.work = work;
    this.cron = CronExpression.parse(cron);
    this.task = task;
    this.timer = DaemonTimer.named(name);
  }

  public CronSchedule start() {
    scheduleAfter(ZonedDateTime.now(ZoneOffset.UTC));
    return this;
  }

  /**
   * Schedules the first turn due after a time. A turn schedules the next one after its own slot, not after the
   * clock: a timer that fires a millisecond early would otherwise find the same slot still ahead and run it twice.
   */
  private void scheduleAfter(ZonedDateTime after) {
    ZonedDateTime next = cron.next(after);
    if (next == null) {
      return;
    }
    long delay = Math.max(0, ZonedDateTime.now(ZoneOffset.UTC).until(next, ChronoUnit.MILLIS));
    timer.schedule(() -> {
      try {
        work.run(name, task);
      } finally {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        scheduleAfter(now.isAfter(next) ? now : next);
      }
    }, delay, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
