package org.auditrail.alert;

import java.time.Instant;

/** The delivery log kept in {@code audit_alert_delivery}: one row per attempt, each in its own transaction. */
public final class JpaDeliveryLog implements DeliveryLog {

  private final DeliveryAttemptRepository deliveries;

  public JpaDeliveryLog(DeliveryAttemptRepository deliveries) {
    this.deliveries = deliveries;
  }

  @Override
  public void attempted(String alertId, AlertChannel channel, int attempt, Instant at, boolean delivered,
      String result) {
    deliveries.save(new DeliveryAttempt(alertId, channel, attempt, at, delivered, result));
  }
}
