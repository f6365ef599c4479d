package org.auditrail.ai;

/** An AI task, prompt, model or tool that is configured in a way the audit trail cannot vouch for. */
public class AiConfigurationException extends RuntimeException {

  public AiConfigurationException(String message) {
    super(message);
  }
}
