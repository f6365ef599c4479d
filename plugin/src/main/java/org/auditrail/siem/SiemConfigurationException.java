package org.auditrail.siem;

/** The SIEM stream's configuration cannot work; the message says what to change. */
public class SiemConfigurationException extends RuntimeException {

  public SiemConfigurationException(String message) {
    super(message);
  }
}
