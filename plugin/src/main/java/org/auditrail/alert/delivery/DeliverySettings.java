package org.auditrail.alert.delivery;

import java.time.Duration;
import org.auditrail.seal.Backoff;

/**
 * How alerts are delivered.
 *
 * @param maxAttempts the most attempts per alert and channel, the first one included
 * @param firstRetry the pause after the first failed attempt, doubled after each further one
 * @param maxRetry the longest pause between two attempts
 */
public record DeliverySettings(int maxAttempts, Duration firstRetry, Duration maxRetry) {

  public DeliverySettings {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("audit.alerts.delivery.max-attempts must be at least 1, but was "
          + maxAttempts);
    }
    if (firstRetry == null || firstRetry.isNegative() || maxRetry == null || maxRetry.compareTo(firstRetry) < 0) {
      throw new IllegalArgumentException("audit.alerts.delivery.first-retry must not be negative and max-retry not"
          + " shorter, but they were " + firstRetry + " and " + maxRetry);
    }
  }

  /** The pause after {@code failures} failed attempts in a row: doubled each time, up to {@link #maxRetry}. */
  Duration retryAfter(int failures) {
    return Backoff.pause(firstRetry, maxRetry, failures);
  }
}
