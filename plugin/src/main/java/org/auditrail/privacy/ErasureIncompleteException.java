package org.auditrail.privacy;

/**
 * An erasure that stopped while removing the subject from the engine's history: the subject is not erased yet (its
 * key still exists), what was removed so far is recorded, and a second erase request finishes it.
 */
public class ErasureIncompleteException extends RuntimeException {

  public ErasureIncompleteException(String subjectId, String processInstanceId, Throwable cause) {
    super("AUDIT-141 the erasure of data subject '" + subjectId + "' stopped while removing them from the history of"
        + " case " + processInstanceId + "; it is recorded as incomplete, and a second erase request finishes it",
        cause);
  }
}
