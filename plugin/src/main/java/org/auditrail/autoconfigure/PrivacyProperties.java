package org.auditrail.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Personal data and retention, under {@code audit.privacy.*}. */
public class PrivacyProperties {

  /** Process variables that hold personal data, and top-level fields of JSON variables as variable.field: replaced by tokens in every event and model prompt. */
  private List<String> personalVariables = new ArrayList<>();

  /** The variable whose value identifies a case's data subject (such as a customer number); default: the first personal variable. */
  private String subjectVariable;

  /** The vault's master key (32 bytes, base64); generated on first start. The environment variable AUDIT_PRIVACY_MASTER_KEY takes precedence. */
  private Path masterKeyFile = Path.of("data", "audit-privacy-key");

  /** Files of earlier master keys (base64, as the key file): declares a rotation, re-wrapping the vault under the current key at start. The environment variable AUDIT_PRIVACY_PREVIOUS_MASTER_KEY adds one. */
  private List<Path> previousMasterKeyFiles = new ArrayList<>();

  /**
   * Whether business keys are personal data: events carry a token instead (a keyed index of the key), and the
   * events query finds a case by its clear key through the vault.
   */
  private boolean personalBusinessKey;

  /** Camunda groups whose members may look up, export, resolve and erase data subjects. */
  private List<String> officerGroups = new ArrayList<>(List.of("privacy", "camunda-admin"));

  /** How long the payloads (content-store blobs) of each event type are kept, e.g. model_call: 90d. */
  private Map<String, Duration> retention = new LinkedHashMap<>();

  /** The legal minimum of each event type's retention, e.g. decision: 2555d; a shorter retention refuses to start. */
  private Map<String, Duration> retentionMinimum = new LinkedHashMap<>();

  /** When expired payloads are removed (Spring cron, UTC). */
  private String retentionCron = "0 30 3 * * *";

  public List<String> getPersonalVariables() { return personalVariables; }
  public void setPersonalVariables(List<String> personalVariables) { this.personalVariables = personalVariables; }
  public boolean isPersonalBusinessKey() { return personalBusinessKey; }
  public void setPersonalBusinessKey(boolean personalBusinessKey) { this.personalBusinessKey = personalBusinessKey; }
  public String getSubjectVariable() { return subjectVariable; }
  public void setSubjectVariable(String subjectVariable) { this.subjectVariable = subjectVariable; }
  public Path getMasterKeyFile() { return masterKeyFile; }
  public void setMasterKeyFile(Path masterKeyFile) { this.masterKeyFile = masterKeyFile; }
  public List<Path> getPreviousMasterKeyFiles() { return previousMasterKeyFiles; }
  public void setPreviousMasterKeyFiles(List<Path> previousMasterKeyFiles) { this.previousMasterKeyFiles = previousMasterKeyFiles; }
  public List<String> getOfficerGroups() { return officerGroups; }
  public void setOfficerGroups(List<String> officerGroups) { this.officerGroups = officerGroups; }
  public Map<String, Duration> getRetention() { return retention; }
  public void setRetention(Map<String, Duration> retention) { this.retention = retention; }
  public Map<String, Duration> getRetentionMinimum() { return retentionMinimum; }
  public void setRetentionMinimum(Map<String, Duration> retentionMinimum) { this.retentionMinimum = retentionMinimum; }
  public String getRetentionCron() { return retentionCron; }
  public void setRetentionCron(String retentionCron) { this.retentionCron = retentionCron; }
}
