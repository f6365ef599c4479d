package org.auditrail.autoconfigure;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.auditrail.alert.delivery.AlertDelivery;

/**
 * Alert delivery's health: {@code audit.alerts.delivery.degraded} (1 while the last delivery to some channel was
 * given up on) and {@code audit.alerts.delivery.pending} (failed attempts waiting to be tried again).
 */
public class AlertDeliveryMetrics implements MeterBinder {

  private final AlertDelivery delivery;

  public AlertDeliveryMetrics(AlertDelivery delivery) {
    this.delivery = delivery;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder("audit.alerts.delivery.degraded", delivery, d -> d.degraded() ? 1 : 0)
        .description("1 while an alert could not be delivered to a channel after every attempt").register(registry);
    Gauge.builder("audit.alerts.delivery.pending", delivery, AlertDelivery::pendingRetries)
        .description("Failed alert deliveries waiting to be tried again").register(registry);
  }
}
