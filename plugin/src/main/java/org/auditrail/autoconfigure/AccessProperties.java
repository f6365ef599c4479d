package org.auditrail.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Reads of case data and failed logins over HTTP, under {@code audit.access.*}: which APIs are watched, how reads
 * are batched, and when a burst of failed logins from one address becomes one aggregate event.
 */
@ConfigurationProperties("audit.access")
public class AccessProperties {

  /** Whether reads of case data ({@code data_accessed}) and failed logins ({@code authentication_failed}) are recorded. */
  private boolean enabled = true;

  /** Path prefixes under which the engine's REST API answers: Camunda's own and the webapps' calls to it. */
  private List<String> engineApiPaths = new ArrayList<>(List.of("/engine-rest", "/camunda/api/engine"));

  /** Path of the webapps' login resource, up to the engine name. */
  private String webappLoginPath = "/camunda/api/admin/auth/user";

  /** Maximum number of reads waiting to be recorded; a read beyond it is refused with 503 before it runs. */
  private int queueCapacity = 1000;

  /** Maximum number of reads written in one transaction. */
  private int batchSize = 100;

  /** How long a read waits for its record to be written before it is answered 503 instead of with the data. */
  private Duration recordTimeout = Duration.ofSeconds(10);

  /** Number of failed logins from one address within a window that are recorded one by one. */
  private int failedLoginBurst = 10;

  /** Window over which failed logins from one address are counted; beyond the burst, one aggregate per window. */
  private Duration failedLoginWindow = Duration.ofMinutes(1);

  public boolean isEnabled() { return enabled; }
  public void setEnabled(boolean enabled) { this.enabled = enabled; }
  public List<String> getEngineApiPaths() { return engineApiPaths; }
  public void setEngineApiPaths(List<String> engineApiPaths) { this.engineApiPaths = engineApiPaths; }
  public String getWebappLoginPath() { return webappLoginPath; }
  public void setWebappLoginPath(String webappLoginPath) { this.webappLoginPath = webappLoginPath; }
  public int getQueueCapacity() { return queueCapacity; }
  public void setQueueCapacity(int queueCapacity) { this.queueCapacity = queueCapacity; }
  public int getBatchSize() { return batchSize; }
  public void setBatchSize(int batchSize) { this.batchSize = batchSize; }
  public Duration getRecordTimeout() { return recordTimeout; }
  public void setRecordTimeout(Duration recordTimeout) { this.recordTimeout = recordTimeout; }
  public int getFailedLoginBurst() { return failedLoginBurst; }
  public void setFailedLoginBurst(int failedLoginBurst) { this.failedLoginBurst = failedLoginBurst; }
  public Duration getFailedLoginWindow() { return failedLoginWindow; }
  public void setFailedLoginWindow(Duration failedLoginWindow) { this.failedLoginWindow = failedLoginWindow; }
}
