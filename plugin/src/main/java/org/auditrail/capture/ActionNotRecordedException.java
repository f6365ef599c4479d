package org.auditrail.capture;

/**
 * An action that discloses or destroys (resolving an identity, erasing a subject, handing out a report) was not
 * carried out, because the event that records it could not be written first.
 */
public class ActionNotRecordedException extends RuntimeException {

  public ActionNotRecordedException(String type, String eventId, Throwable cause) {
    super("AUDIT-126 the " + type + " event " + eventId + " could not be written; the action it records was not"
        + " carried out: " + cause.getMessage(), cause);
  }
}
