package org.auditrail.watch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Messages of continuous verification (AUDIT-190 to AUDIT-194). */
final class WatchLogger {

  private static final Logger LOG = LoggerFactory.getLogger("org.auditrail");

  private WatchLogger() {}

  static void verificationFailed(VerificationRun run) {
    LOG.error("AUDIT-190 {} verification of log entries {} to {} (checkpoints {} to {}) FAILED with {} problem(s);"
        + " first: {}", run.kind().wireName(), run.fromIndex(), run.toIndex(), run.fromCheckpointSize(),
        run.toCheckpointSize(), run.problems().size(), run.problems().get(0));
  }

  static void runNotCompleted(String kind, Throwable cause) {
    LOG.error("AUDIT-191 {} verification could not run to its end; it is retried at the next turn", kind, cause);
  }

  static void verified(VerificationRun run) {
    LOG.info("AUDIT-192 {} verification of log entries {} to {} (checkpoints {} to {}) verified in {} ms",
        run.kind().wireName(), run.fromIndex(), run.toIndex(), run.fromCheckpointSize(), run.toCheckpointSize(),
        run.duration().toMillis());
  }

  static void runSkipped(String kind) {
    LOG.debug("AUDIT-193 {} verification skipped: another verification of this node is under way", kind);
  }

  static void notRecorded(String kind, Throwable cause) {
    LOG.error("AUDIT-194 the verification_completed event of a {} verification could not be recorded", kind, cause);
  }
}
