package org.auditrail.alert;

import java.time.Instant;

/** Where every delivery attempt's result is kept, so that a failed delivery is visible and retried. */
public interface DeliveryLog {

  /**
   * @param attempt 1 for the first attempt
   * @param delivered whether the channel accepted it
   * @param result what the channel answered (an HTTP status, the SMTP reply) or why it could not be reached
   */
  void attempted(String alertId, AlertChannel channel, int attempt, Instant at, boolean delivered, String result);
}
