package org.auditrail.seal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Messages about the sequencer's trust in its head, its queue and the background work (AUDIT-120 to AUDIT-124). */
final class SealLogger {

  private static final Logger LOG = LoggerFactory.getLogger("org.auditrail");

  private SealLogger() {}

  static void headMismatch(String cause) {
    LOG.error("AUDIT-120 the log head disagrees with the log or its last signed checkpoint: {}. Nothing is sealed or"
        + " signed until audit_log_head is restored (docs/operations.md)", cause);
  }

  static void headAgrees() {
    LOG.warn("AUDIT-121 the log head agrees with the log and its last signed checkpoint again; sealing resumes");
  }

  static void rowQuarantined(String writeId, String commandId, String reason) {
    LOG.error("AUDIT-122 sealing queue row {} (command row {}) cannot be sealed and was moved to"
        + " audit_unsealed_quarantine: {}. Sealing goes on with the other rows; the verifier reports its events as"
        + " unsealed", writeId, commandId, reason);
  }

  static void scheduledTaskFailed(String task, Throwable cause) {
    LOG.error("AUDIT-123 the background task {} failed; it keeps its schedule, and the log reports degraded until"
        + " it runs cleanly", task, cause);
  }
}
