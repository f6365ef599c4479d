package org.auditrail.siem;

import java.time.Duration;
import org.auditrail.seal.Backoff;

/**
 * How the forwarder paces itself.
 *
 * @param interval the pause between passes over the sinks
 * @param batchSize the most events sent to a sink at once
 * @param firstRetry the pause after a sink's first failure, doubled after each further one
 * @param maxRetry the longest pause between a failing sink's attempts
 */
public record SiemSettings(Duration interval, int batchSize, Duration firstRetry, Duration maxRetry) {

  public SiemSettings {
    if (batchSize < 1) {
      throw new SiemConfigurationException("audit.siem.batch-size must be at least 1, but was " + batchSize);
    }
  }

  /** The pause after {@code failures} failures in a row: doubled each time, up to {@link #maxRetry}. */
  Duration retryAfter(int failures) {
    return Backoff.pause(firstRetry, maxRetry, failures);
  }
}
