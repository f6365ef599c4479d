package org.auditrail.seal;

import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The background tasks of this node (report generation, the retention sweep, the report schedule) and the last
 * failure of each, so that a task that failed, even with an {@link Error}, shows as {@code degraded} in the log's
 * status until it runs cleanly again, instead of dying quietly.
 */
public final class ScheduledWork {

  private final Map<String, String> failures = new ConcurrentSkipListMap<>();

  /** Runs one turn of a task, recording its outcome; never throws, so the caller's schedule keeps running. */
  public void run(String task, Runnable turn) {
    try {
      turn.run();
      succeeded(task);
    } catch (Throwable e) {
      // Every Throwable, OutOfMemoryError too: a scheduled executor would otherwise cancel the task for good.
      failed(task, e);
    }
  }

  public void succeeded(String task) {
    failures.remove(task);
  }

  public void failed(String task, Throwable cause) {
    failures.put(task, String.valueOf(cause));
    SealLogger.scheduledTaskFailed(task, cause);
  }

  /** The failing tasks as "task: cause", in the order of their names, or {@code null} when none fails. */
  public String failure() {
    if (failures.isEmpty()) {
      return null;
    }
    StringBuilder text = new StringBuilder();
    failures.forEach((task, cause) -> text.append(text.length() == 0 ? "" : "; ").append(task).append(": ")
        .append(cause));
    return text.toString();
  }
}
