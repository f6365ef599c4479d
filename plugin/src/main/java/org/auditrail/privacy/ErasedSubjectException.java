package org.auditrail.privacy;

/** A data subject whose key was destroyed: its personal values can no longer be read, by design. */
public class ErasedSubjectException extends RuntimeException {

  public ErasedSubjectException(String subjectId) {
    super("data subject '" + subjectId + "' was erased; its personal data can no longer be read");
  }
}
