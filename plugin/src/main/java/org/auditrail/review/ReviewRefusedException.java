package org.auditrail.review;

import org.camunda.bpm.engine.ProcessEngineException;

/**
 * A review task completion that the review rules refuse: the task stays open, and Tasklist shows the message.
 */
public class ReviewRefusedException extends ProcessEngineException {

  private final String code;

  public ReviewRefusedException(String code, String message) {
    super(message);
    this.code = code;
  }

  /** {@code reason_missing}, {@code four_eyes} or {@code invalid_decision}. */
  public String code() {
    return code;
  }
}
