package org.auditrail.store;

/** The audit tables cannot be created, written or read. */
public class AuditStorageException extends RuntimeException {

  public AuditStorageException(String message) {
    super(message);
  }

  public AuditStorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
