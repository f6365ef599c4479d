package org.auditrail.alert;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Messages of alerting (AUDIT-205 to AUDIT-209, AUDIT-215 to AUDIT-217). */
final class AlertLogger {

  private static final Logger LOG = LoggerFactory.getLogger("org.auditrail");

  private AlertLogger() {}

  static void raised(AlertRaised alert) {
    LOG.warn("AUDIT-205 alert {} raised by rule {} ({}): {}", alert.alertId(), alert.ruleName(), alert.condition(),
        alert.summary());
  }

  static void roundFailed(long from, Throwable cause) {
    LOG.error("AUDIT-206 alert evaluation from log index {} failed; it is retried from there at the next turn", from,
        cause);
  }

  static void ruleChanged(String ruleId, String change, String userId) {
    LOG.info("AUDIT-207 alert rule {} {} by {}", ruleId, change, userId);
  }

  static void acknowledged(String alertId, String userId) {
    LOG.info("AUDIT-208 alert {} acknowledged by {}", alertId, userId);
  }

  static void startsAt(long index) {
    LOG.info("AUDIT-209 alert evaluation starts at log index {}: rules watch events sealed from now on", index);
  }

  static void sealingEpisodeStarted(String ruleId, String condition, String failure) {
    LOG.info("AUDIT-215 alert rule {} ({}) sees this node's sealing fail: {}", ruleId, condition, failure);
  }

  static void sealingEpisodeEnded(String ruleId, String condition) {
    LOG.info("AUDIT-216 alert rule {} ({}) sees this node's sealing clean again; a new failure raises a new alert",
        ruleId, condition);
  }

  static void sealingAlertNotRaised(String ruleId, Throwable cause) {
    LOG.error("AUDIT-217 alert rule {} could not raise its alert on this node's sealing; it is tried again at the next"
        + " turn", ruleId, cause);
  }
}
