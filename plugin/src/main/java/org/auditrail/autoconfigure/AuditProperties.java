package org.auditrail.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import org.auditrail.capture.CaptureSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** The whole configuration of the audit trail, under {@code audit.*}. */
@ConfigurationProperties("audit")
public class AuditProperties {

  /** Whether to record the audit trail and serve the audit API. */
  private boolean enabled = true;

  private final Capture capture = new Capture();

  private final Api api = new Api();

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public Capture getCapture() {
    return capture;
  }

  public Api getApi() {
    return api;
  }

  /** How engine activity becomes events. */
  public static class Capture {

    /** Values whose JSON is larger than this are kept in the content store; the event holds their SHA-256. */
    private DataSize inlineLimit = DataSize.ofBytes(CaptureSettings.DEFAULT_INLINE_LIMIT_BYTES);

    /** How many recently started scopes to remember, to link events to their parents without a query. */
    private int scopeCacheSize = CaptureSettings.DEFAULT_SCOPE_CACHE_SIZE;

    public DataSize getInlineLimit() {
      return inlineLimit;
    }

    public void setInlineLimit(DataSize inlineLimit) {
      this.inlineLimit = inlineLimit;
    }

    public int getScopeCacheSize() {
      return scopeCacheSize;
    }

    public void setScopeCacheSize(int scopeCacheSize) {
      this.scopeCacheSize = scopeCacheSize;
    }

    CaptureSettings toSettings() {
      return new CaptureSettings(Math.toIntExact(inlineLimit.toBytes()), scopeCacheSize);
    }
  }

  /** The auditor's HTTP API under /api/audit. */
  public static class Api {

    /** Camunda groups whose members may read the audit trail. */
    private List<String> readerGroups = new ArrayList<>(List.of("auditors", "camunda-admin"));

    /** Largest page size that the events query accepts. */
    private int maxPageSize = 500;

    public List<String> getReaderGroups() {
      return readerGroups;
    }

    public void setReaderGroups(List<String> readerGroups) {
      this.readerGroups = readerGroups;
    }

    public int getMaxPageSize() {
      return maxPageSize;
    }

    public void setMaxPageSize(int maxPageSize) {
      this.maxPageSize = maxPageSize;
    }
  }
}
