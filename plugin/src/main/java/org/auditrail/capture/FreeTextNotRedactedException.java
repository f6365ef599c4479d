package org.auditrail.capture;

/**
 * The free text of a case could not be searched for the case's personal values (the vault could not be read): the
 * engine command fails with it, like a personal value that cannot be kept, rather than record the text in clear.
 */
public class FreeTextNotRedactedException extends PersonalValueNotKeptException {

  public FreeTextNotRedactedException(String processInstanceId, Throwable cause) {
    super(cause, "AUDIT-145 the free text of process instance " + processInstanceId + " could not be searched for"
        + " its personal values; the engine command fails: " + cause.getMessage());
  }
}
