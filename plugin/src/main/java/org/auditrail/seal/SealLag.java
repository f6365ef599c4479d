package org.auditrail.seal;

import java.util.Arrays;

/** The delay from recording to sealing of the most recent events, as percentiles. */
public final class SealLag {

  private final long[] recent;
  private int next;
  private int count;

  public SealLag(int window) {
    this.recent = new long[window];
  }

  public synchronized void record(long lagMillis) {
    recent[next] = lagMillis;
    next = (next + 1) % recent.length;
    count = Math.min(count + 1, recent.length);
  }

  /** The given percentile (0–100) of the recent lags in milliseconds, or -1 before any event was sealed. */
  public synchronized long percentile(double percentile) {
    if (count == 0) {
      return -1;
    }
    long[] sorted = Arrays.copyOf(recent, count);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(percentile / 100.0 * count) - 1;
    return sorted[Math.max(0, Math.min(count - 1, rank))];
  }
}
