package org.auditrail.review;

import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * A review task completion that the review rules refuse: the task stays open, and Tasklist shows the message.
 * It is a form validation failure to the engine, because that is what the engine's REST API answers with 400
 * (bad request, with the message) instead of 500 when a task is completed or its form submitted.
 */
public class ReviewRefusedException extends FormFieldValidationException {

  private final String code;

  public ReviewRefusedException(String code, String message) {
    super(code, message);
    this.code = code;
  }

  /** {@code reason_missing}, {@code four_eyes} or {@code invalid_decision}. */
  public String code() {
    return code;
  }
}
