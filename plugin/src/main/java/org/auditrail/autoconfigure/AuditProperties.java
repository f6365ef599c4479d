package org.auditrail.autoconfigure;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.auditrail.capture.CaptureSettings;
import org.auditrail.seal.LogSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.unit.DataSize;

/** The whole configuration of the audit trail, under {@code audit.*}. */
@ConfigurationProperties("audit")
public class AuditProperties {

  /** Whether to record the audit trail and serve the audit API. */
  private boolean enabled = true;

  private final Capture capture = new Capture();

  private final Api api = new Api();

  private final Log log = new Log();

  @NestedConfigurationProperty
  private final AiProperties ai = new AiProperties();

  @NestedConfigurationProperty
  private final ReportProperties reports = new ReportProperties();

  @NestedConfigurationProperty
  private final PrivacyProperties privacy = new PrivacyProperties();

  @NestedConfigurationProperty
  private final IngestProperties ingest = new IngestProperties();

  @NestedConfigurationProperty
  private final SiemProperties siem = new SiemProperties();

  @NestedConfigurationProperty
  private final ConsoleProperties console = new ConsoleProperties();

  @NestedConfigurationProperty
  private final NarrativeProperties narrative = new NarrativeProperties();

  @NestedConfigurationProperty
  private final WatchProperties watch = new WatchProperties();

  @NestedConfigurationProperty
  private final AlertsProperties alerts = new AlertsProperties();

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

  public Log getLog() {
    return log;
  }

  public AiProperties getAi() {
    return ai;
  }

  public ReportProperties getReports() {
    return reports;
  }

  public PrivacyProperties getPrivacy() {
    return privacy;
  }

  public NarrativeProperties getNarrative() {
    return narrative;
  }

  public IngestProperties getIngest() {
    return ingest;
  }

  public SiemProperties getSiem() {
    return siem;
  }

  public ConsoleProperties getConsole() {
    return console;
  }

  public WatchProperties getWatch() {
    return watch;
  }

  public AlertsProperties getAlerts() {
    return alerts;
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

    /** Largest request body, in bytes, that a guarded endpoint (the plugin's or the application's) accepts. */
    private long maxBodyBytes = 64 * 1024;

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

    public long getMaxBodyBytes() {
      return maxBodyBytes;
    }

    public void setMaxBodyBytes(long maxBodyBytes) {
      this.maxBodyBytes = maxBodyBytes;
    }
  }

  /** The tamper-evident Merkle log and its signed checkpoints. */
  public static class Log {

    /** Whether this node seals events into the log (any number of nodes may; one seals at a time). */
    private boolean sealingEnabled = true;

    /** The log's name, the first line of every checkpoint. */
    private String origin = "auditrail.example/log";

    /** The signing key's name in every checkpoint signature line. */
    private String keyName = "auditrail";

    /** PKCS#8 PEM file of the Ed25519 checkpoint signing key; a new key is generated there when it is missing. */
    private Path signingKey = Path.of("data", "audit-signing-key.pem");

    /** Write-once folder that receives a copy of every signed checkpoint. */
    private Path anchorDirectory = Path.of("data", "anchors");

    /** How often to seal committed events into the log. */
    private Duration sealInterval = Duration.ofMillis(200);

    /** The least time between two signed checkpoints. Sealing delay is bounded by seal-interval plus this. */
    private Duration checkpointInterval = Duration.ofMillis(800);

    /** The most events sealed in one transaction. */
    private int batchSize = 2000;

    /** Verifier keys (C2SP vkey form) of earlier signing keys, served beside the current one after rotation. */
    private List<String> previousPublicKeys = new ArrayList<>();

    /** RFC 3161 time-stamp authority that stamps every checkpoint; none when empty. */
    private URI timestampAuthorityUrl;

    /** How long to wait for the time-stamp authority. */
    private Duration timestampTimeout = Duration.ofSeconds(5);

    /** PEM file of the trusted TSA certificates; a token that does not validate against them is not stored. */
    private Path timestampTrustStore;

    /** In the application's own verification, the longest an event may wait to be sealed (else: backdated). */
    private Duration verifyMaxSealDelay = Duration.ofHours(1);

    /** In the application's own verification, the oldest a sealed event may be with no signed checkpoint. */
    private Duration verifyMaxUnsignedAge = Duration.ofHours(1);

    public Duration getVerifyMaxSealDelay() {
      return verifyMaxSealDelay;
    }

    public void setVerifyMaxSealDelay(Duration verifyMaxSealDelay) {
      this.verifyMaxSealDelay = verifyMaxSealDelay;
    }

    public Duration getVerifyMaxUnsignedAge() {
      return verifyMaxUnsignedAge;
    }

    public void setVerifyMaxUnsignedAge(Duration verifyMaxUnsignedAge) {
      this.verifyMaxUnsignedAge = verifyMaxUnsignedAge;
    }

    public Path getTimestampTrustStore() {
      return timestampTrustStore;
    }

    public void setTimestampTrustStore(Path timestampTrustStore) {
      this.timestampTrustStore = timestampTrustStore;
    }

    public URI getTimestampAuthorityUrl() {
      return timestampAuthorityUrl;
    }

    public void setTimestampAuthorityUrl(URI timestampAuthorityUrl) {
      this.timestampAuthorityUrl = timestampAuthorityUrl;
    }

    public Duration getTimestampTimeout() {
      return timestampTimeout;
    }

    public void setTimestampTimeout(Duration timestampTimeout) {
      this.timestampTimeout = timestampTimeout;
    }

    public boolean isSealingEnabled() {
      return sealingEnabled;
    }

    public void setSealingEnabled(boolean sealingEnabled) {
      this.sealingEnabled = sealingEnabled;
    }

    public String getOrigin() {
      return origin;
    }

    public void setOrigin(String origin) {
      this.origin = origin;
    }

    public String getKeyName() {
      return keyName;
    }

    public void setKeyName(String keyName) {
      this.keyName = keyName;
    }

    public Path getSigningKey() {
      return signingKey;
    }

    public void setSigningKey(Path signingKey) {
      this.signingKey = signingKey;
    }

    public Path getAnchorDirectory() {
      return anchorDirectory;
    }

    public void setAnchorDirectory(Path anchorDirectory) {
      this.anchorDirectory = anchorDirectory;
    }

    public Duration getSealInterval() {
      return sealInterval;
    }

    public void setSealInterval(Duration sealInterval) {
      this.sealInterval = sealInterval;
    }

    public Duration getCheckpointInterval() {
      return checkpointInterval;
    }

    public void setCheckpointInterval(Duration checkpointInterval) {
      this.checkpointInterval = checkpointInterval;
    }

    public int getBatchSize() {
      return batchSize;
    }

    public void setBatchSize(int batchSize) {
      this.batchSize = batchSize;
    }

    public List<String> getPreviousPublicKeys() {
      return previousPublicKeys;
    }

    public void setPreviousPublicKeys(List<String> previousPublicKeys) {
      this.previousPublicKeys = previousPublicKeys;
    }

    LogSettings toSettings() {
      return new LogSettings(origin, keyName, signingKey, anchorDirectory, sealInterval, checkpointInterval,
          batchSize, previousPublicKeys, timestampAuthorityUrl, timestampTimeout, timestampTrustStore);
    }
  }
}
