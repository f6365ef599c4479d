package org.auditrail.autoconfigure;

import org.springframework.boot.context.properties.NestedConfigurationProperty;

/** Alerts, under {@code audit.alerts.*}. */
public class AlertsProperties {

  @NestedConfigurationProperty
  private final AlertDeliveryProperties delivery = new AlertDeliveryProperties();

  public AlertDeliveryProperties getDelivery() { return delivery; }
}
