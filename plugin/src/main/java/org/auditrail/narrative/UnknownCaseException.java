package org.auditrail.narrative;

/** The log holds no events of the process instance a narrative was asked for. */
public class UnknownCaseException extends RuntimeException {

  private final String processInstanceId;

  public UnknownCaseException(String processInstanceId) {
    super("no audit events for process instance '" + processInstanceId + "'");
    this.processInstanceId = processInstanceId;
  }

  public String processInstanceId() {
    return processInstanceId;
  }
}
