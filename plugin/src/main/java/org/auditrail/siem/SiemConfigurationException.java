package org.auditrail.siem;

/** The SIEM stream's configuration cannot work (AUDIT-197); the message says what to change. */
public class SiemConfigurationException extends RuntimeException {

  public static final String CODE = "AUDIT-197";

  /** @param problem what is wrong and how to fix it; the code is prefixed here */
  public SiemConfigurationException(String problem) {
    super(CODE + " " + problem);
  }
}
