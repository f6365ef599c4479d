package org.auditrail.seal;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** The timer of one kind of background work: a single daemon thread, named so that a thread dump says whose it is. */
public final class DaemonTimer {

  private DaemonTimer() {}

  public static ScheduledExecutorService named(String threadName) {
    return Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, threadName);
      thread.setDaemon(true);
      return thread;
    });
  }
}
