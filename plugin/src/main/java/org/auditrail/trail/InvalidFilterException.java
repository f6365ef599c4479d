package org.auditrail.trail;

/** A query parameter of the audit API is unknown or malformed; the message names it and the bad value. */
public class InvalidFilterException extends RuntimeException {

  private final String parameter;

  public InvalidFilterException(String parameter, String message) {
    super(message);
    this.parameter = parameter;
  }

  public String parameter() {
    return parameter;
  }
}
