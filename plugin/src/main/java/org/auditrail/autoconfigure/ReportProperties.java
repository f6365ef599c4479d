package org.auditrail.autoconfigure;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Monthly compliance reports, under {@code audit.reports.*}. */
public class ReportProperties {

  /** Whether the reports page, the report API and the monthly schedule are on. */
  private boolean enabled = true;

  /** Camunda groups whose members may see and download the reports. */
  private List<String> groups = new ArrayList<>(List.of("compliance", "camunda-admin"));

  /** When last month's report is generated and archived (Spring cron, UTC): 02:00 on the 1st by default. */
  private String cron = "0 0 2 1 * *";

  /** The model inventory's configuration that writes the executive summary; approved for compliance-report. */
  private String summaryModel = "report-summary";

  /** A folder of the user's own copies of the report-templates/ files; unset for the bundled ones. */
  private Path templateDirectory;

  public boolean isEnabled() { return enabled; }
  public void setEnabled(boolean enabled) { this.enabled = enabled; }
  public List<String> getGroups() { return groups; }
  public void setGroups(List<String> groups) { this.groups = groups; }
  public String getCron() { return cron; }
  public void setCron(String cron) { this.cron = cron; }
  public String getSummaryModel() { return summaryModel; }
  public void setSummaryModel(String summaryModel) { this.summaryModel = summaryModel; }
  public Path getTemplateDirectory() { return templateDirectory; }
  public void setTemplateDirectory(Path templateDirectory) { this.templateDirectory = templateDirectory; }
}
