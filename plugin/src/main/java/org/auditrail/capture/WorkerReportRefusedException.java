package org.auditrail.capture;

/** A worker's report about an external task that the task's state does not allow; nothing of it was recorded. */
public class WorkerReportRefusedException extends RuntimeException {

  /** Why the report was refused. */
  public enum Reason { UNKNOWN_TASK, NOT_LOCKED_BY_WORKER }

  private final Reason reason;

  WorkerReportRefusedException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
