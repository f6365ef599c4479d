package org.auditrail.verify;

/** An RFC 3161 time-stamp token that does not prove what it should; the message says why, with the values. */
public class TimestampValidationException extends Exception {

  private static final long serialVersionUID = 1L;

  public TimestampValidationException(String message) {
    super(message);
  }

  public TimestampValidationException(String message, Throwable cause) {
    super(message, cause);
  }
}
