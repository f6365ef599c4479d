package org.auditrail.capture;

/**
 * A personal value could not be replaced by its token: the engine command fails with it, since recording the value
 * in clear would break the privacy promise and recording nothing would lose it.
 */
public class PersonalValueNotKeptException extends RuntimeException {

  public PersonalValueNotKeptException(String variable, Throwable cause) {
    super("AUDIT-125 the personal value of " + variable + " could not be kept in the vault; the engine command"
        + " fails: " + cause.getMessage(), cause);
  }

  /** For a failure with a message of its own, such as free text that could not be searched for personal values. */
  protected PersonalValueNotKeptException(Throwable cause, String message) {
    super(message, cause);
  }
}
