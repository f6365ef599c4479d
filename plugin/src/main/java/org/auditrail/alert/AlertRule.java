package org.auditrail.alert;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * A rule as stored ({@code audit_alert_rule}, V18): its parameters and channels as the JSON compliance sent, read
 * through {@link RuleDefinition}. Every change is also a sealed {@code alert_rule_changed} event.
 */
@Entity
@Table(name = "audit_alert_rule")
public class AlertRule {

  @Id
  private String id;
  private String name;
  private String condition;
  private String parameters;
  private String channels;
  private Instant createdAt;
  private String createdBy;
  private Instant updatedAt;
  private String updatedBy;
  @Version
  private long version;

  protected AlertRule() {}

  AlertRule(String id, RuleDefinition definition, String by, Instant at) {
    this.id = id;
    this.createdAt = at;
    this.createdBy = by;
    change(definition, by, at);
  }

  final void change(RuleDefinition definition, String by, Instant at) {
    this.name = definition.name();
    this.condition = definition.condition();
    this.parameters = definition.parametersJson();
    this.channels = definition.channelsJson();
    this.updatedAt = at;
    this.updatedBy = by;
  }

  public String id() { return id; }
  public Instant createdAt() { return createdAt; }
  public String createdBy() { return createdBy; }
  public Instant updatedAt() { return updatedAt; }
  public String updatedBy() { return updatedBy; }

  public RuleDefinition definition() {
    return RuleDefinition.fromJson(name, condition, parameters, channels);
  }
}
