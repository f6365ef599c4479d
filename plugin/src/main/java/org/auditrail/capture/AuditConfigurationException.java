package org.auditrail.capture;

/** The engine is configured in a way the audit trail cannot work with; the message says how to fix it. */
public class AuditConfigurationException extends RuntimeException {

  public AuditConfigurationException(String message) {
    super(message);
  }
}
