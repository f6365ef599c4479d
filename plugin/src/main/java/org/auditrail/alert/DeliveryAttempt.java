package org.auditrail.alert;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One delivery attempt of an alert to one channel ({@code audit_alert_delivery}, V18); rows are only added. */
@Entity
@Table(name = "audit_alert_delivery")
public class DeliveryAttempt {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;
  private String alertId;
  private String channelType;
  private String target;
  private int attempt;
  private Instant attemptedAt;
  private boolean delivered;
  private String result;

  protected DeliveryAttempt() {}

  DeliveryAttempt(String alertId, AlertChannel channel, int attempt, Instant at, boolean delivered, String result) {
    this.alertId = alertId;
    this.channelType = channel.type();
    this.target = channel.target();
    this.attempt = attempt;
    this.attemptedAt = at;
    this.delivered = delivered;
    // The column holds 1000 characters: an SMTP or HTTP answer can be longer, and its start says what went wrong.
    this.result = result == null ? "" : result.length() > 1000 ? result.substring(0, 1000) : result;
  }

  public String alertId() { return alertId; }
  public AlertChannel channel() { return new AlertChannel(channelType, target); }
  public int attempt() { return attempt; }
  public Instant attemptedAt() { return attemptedAt; }
  public boolean delivered() { return delivered; }
  public String result() { return result; }
}
