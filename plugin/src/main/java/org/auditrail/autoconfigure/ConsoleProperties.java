package org.auditrail.autoconfigure;

/** The auditor console ({@code /audit}) and the Cockpit tab, under {@code audit.console.*}. */
public class ConsoleProperties {

  /** Whether to serve the auditor console; it is open to the API's reader groups ({@code audit.api.reader-groups}). */
  private boolean enabled = true;

  /** Where Cockpit shows a process instance; {@code {id}} stands for its id. */
  private String cockpitCaseUrl = "/camunda/app/cockpit/default/#/process-instance/{id}/runtime";

  public boolean isEnabled() { return enabled; }
  public void setEnabled(boolean enabled) { this.enabled = enabled; }
  public String getCockpitCaseUrl() { return cockpitCaseUrl; }
  public void setCockpitCaseUrl(String cockpitCaseUrl) { this.cockpitCaseUrl = cockpitCaseUrl; }
}
