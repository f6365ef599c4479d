package org.auditrail.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/** Alert rules, their evaluation and the delivery of alerts, under {@code audit.alerts.*}; rules are data. */
public class AlertsProperties {

  /** Whether to evaluate alert rules and offer the alerts API (needs Spring Data JPA). */
  private boolean enabled = true;

  /** The Camunda groups whose members may read and change rules and acknowledge alerts. */
  private List<String> groups = new ArrayList<>(List.of("compliance", "camunda-admin"));

  /** Time between evaluations of the rules on what was sealed since the last one. */
  private Duration evaluateInterval = Duration.ofSeconds(10);

  /** Maximum number of sealed events read from the log at a time. */
  private int batchSize = 500;

  @NestedConfigurationProperty
  private final AlertDeliveryProperties delivery = new AlertDeliveryProperties();

  public boolean isEnabled() { return enabled; }
  public void setEnabled(boolean enabled) { this.enabled = enabled; }
  public List<String> getGroups() { return groups; }
  public void setGroups(List<String> groups) { this.groups = groups; }
  public Duration getEvaluateInterval() { return evaluateInterval; }
  public void setEvaluateInterval(Duration evaluateInterval) { this.evaluateInterval = evaluateInterval; }
  public int getBatchSize() { return batchSize; }
  public void setBatchSize(int batchSize) { this.batchSize = batchSize; }
  public AlertDeliveryProperties getDelivery() { return delivery; }
}
