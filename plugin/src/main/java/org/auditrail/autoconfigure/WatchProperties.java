package org.auditrail.autoconfigure;

import java.time.Duration;

/** Continuous verification of the log, under {@code audit.watch.*}. */
public class WatchProperties {

  /** Whether to verify the log in the background, incrementally and in full. */
  private boolean enabled = true;

  /** Time between incremental verifications of what was sealed since the last verified checkpoint. */
  private Duration verifyInterval = Duration.ofMinutes(5);

  /** When to verify the whole log (Spring cron syntax, UTC); by default every night at 02:30. */
  private String fullVerifyCron = "0 30 2 * * *";

  public boolean isEnabled() { return enabled; }
  public void setEnabled(boolean enabled) { this.enabled = enabled; }
  public Duration getVerifyInterval() { return verifyInterval; }
  public void setVerifyInterval(Duration verifyInterval) { this.verifyInterval = verifyInterval; }
  public String getFullVerifyCron() { return fullVerifyCron; }
  public void setFullVerifyCron(String fullVerifyCron) { this.fullVerifyCron = fullVerifyCron; }
}
