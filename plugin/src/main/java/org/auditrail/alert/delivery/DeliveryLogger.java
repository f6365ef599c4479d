package org.auditrail.alert.delivery;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Messages of alert delivery (AUDIT-210 to AUDIT-214). */
final class DeliveryLogger {

  private static final Logger LOG = LoggerFactory.getLogger("org.auditrail");

  private DeliveryLogger() {}

  static void attemptFailed(String alertId, String channel, int attempt, int maxAttempts, String result,
      Duration retryIn) {
    LOG.warn("AUDIT-210 alert {} was not delivered to the {} (attempt {} of {}): {}; tried again in {}", alertId,
        channel, attempt, maxAttempts, result, retryIn);
  }

  static void givenUp(String alertId, String channel, int attempts, String result) {
    LOG.error("AUDIT-211 alert {} could not be delivered to the {} after {} attempt(s), the last: {}; it is not"
        + " tried again (audit.alerts.delivery.degraded is 1)", alertId, channel, attempts, result);
  }

  static void delivered(String alertId, String channel, int attempt) {
    LOG.info("AUDIT-212 alert {} was delivered to the {} at attempt {}", alertId, channel, attempt);
  }

  static void noSender(String alertId, String channelType) {
    LOG.error("AUDIT-213 alert {} has a channel of type {} that this application cannot deliver to (for email,"
        + " configure spring.mail.host)", alertId, channelType);
  }

  static void notRecorded(String alertId, String channel, int attempt, Throwable cause) {
    LOG.error("AUDIT-214 the result of attempt {} to deliver alert {} to the {} could not be recorded", attempt,
        alertId, channel, cause);
  }
}
