package org.auditrail.autoconfigure;

import java.time.Duration;
import org.auditrail.alert.delivery.DeliverySettings;

/** Delivery of raised alerts to webhooks and by email, under {@code audit.alerts.delivery.*}. */
public class AlertDeliveryProperties {

  /** Whether to deliver raised alerts on their rules' channels. */
  private boolean enabled = true;

  /** The most attempts to deliver an alert on one channel, the first one included. */
  private int maxAttempts = 5;

  /** The pause after the first failed attempt; it doubles after each further failure. */
  private Duration firstRetry = Duration.ofSeconds(30);

  /** The longest pause between two attempts. */
  private Duration maxRetry = Duration.ofMinutes(10);

  /** How long to wait for a webhook to accept a connection and to answer. */
  private Duration timeout = Duration.ofSeconds(10);

  /** Where people reach the auditor console and the API, for the links in alerts, e.g. https://audit.example.com. */
  private String baseUrl = "";

  /** The sender address of alert emails. */
  private String mailFrom = "auditrail@localhost";

  public boolean isEnabled() { return enabled; }
  public void setEnabled(boolean enabled) { this.enabled = enabled; }
  public int getMaxAttempts() { return maxAttempts; }
  public void setMaxAttempts(int maxAttempts) { this.maxAttempts = maxAttempts; }
  public Duration getFirstRetry() { return firstRetry; }
  public void setFirstRetry(Duration firstRetry) { this.firstRetry = firstRetry; }
  public Duration getMaxRetry() { return maxRetry; }
  public void setMaxRetry(Duration maxRetry) { this.maxRetry = maxRetry; }
  public Duration getTimeout() { return timeout; }
  public void setTimeout(Duration timeout) { this.timeout = timeout; }
  public String getBaseUrl() { return baseUrl; }
  public void setBaseUrl(String baseUrl) { this.baseUrl = baseUrl; }
  public String getMailFrom() { return mailFrom; }
  public void setMailFrom(String mailFrom) { this.mailFrom = mailFrom; }

  DeliverySettings toSettings() {
    return new DeliverySettings(maxAttempts, firstRetry, maxRetry);
  }
}
