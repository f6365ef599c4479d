package org.auditrail.privacy;

/** A data subject the vault has never held personal data of. */
public class UnknownSubjectException extends RuntimeException {

  public UnknownSubjectException(String subjectId) {
    super("no data subject '" + subjectId + "' is known; nothing was erased or exported");
  }
}
