package org.auditrail.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU time the whole machine has spent busy, from Linux's {@code /proc/stat}: on a machine where the engines,
 * the database and the sequencer share the cores, a steadier measure of what a configuration costs than its wall
 * time, which the other work of the machine moves.
 */
final class MachineCpu {

  private static final Path STAT = Path.of("/proc/stat");
  /** Linux counts CPU time in clock ticks of 1/100 s (USER_HZ) on every common platform. */
  private static final int MILLIS_PER_TICK = 10;

  private MachineCpu() {}

  static boolean available() {
    return Files.isReadable(STAT);
  }

  /** Busy milliseconds of all cores since boot (user, nice, system, interrupts, steal), or 0 without /proc. */
  static long busyMillis() {
    if (!available()) {
      return 0;
    }
    try {
      String[] ticks = Files.readAllLines(STAT).get(0).trim().split("\\s+");
      long busy = 0;
      for (int field = 1; field < Math.min(ticks.length, 9); field++) {
        // Fields 4 and 5 are idle and waiting for I/O: not work.
        if (field != 4 && field != 5) {
          busy += Long.parseLong(ticks[field]);
        }
      }
      return busy * MILLIS_PER_TICK;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + STAT, e);
    }
  }
}
