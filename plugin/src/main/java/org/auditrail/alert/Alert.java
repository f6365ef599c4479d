package org.auditrail.alert;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.List;

/**
 * An alert as stored ({@code audit_alert}, V18): what the rule raised, and whether someone acknowledged it. The
 * rule's name and condition are copied, so the alert still reads the same after the rule changed or went.
 */
@Entity
@Table(name = "audit_alert")
public class Alert {

  /** Whether someone has taken care of an alert. */
  public enum State { OPEN, ACKNOWLEDGED }

  @Id
  private String id;
  private String ruleId;
  private String ruleName;
  private String condition;
  private String summary;
  private String traceId;
  private String eventIds;
  private String raisedEventId;
  private Instant raisedAt;
  @Enumerated(EnumType.STRING)
  private State state;
  private Instant acknowledgedAt;
  private String acknowledgedBy;
  private String acknowledgement;
  @Version
  private long version;

  protected Alert() {}

  Alert(AlertRaised raised, String raisedEventId) {
    this.id = raised.alertId();
    this.ruleId = raised.ruleId();
    this.ruleName = raised.ruleName();
    this.condition = raised.condition();
    this.summary = raised.summary();
    this.traceId = raised.traceId();
    this.eventIds = String.join(",", raised.eventIds());
    this.raisedEventId = raisedEventId;
    this.raisedAt = raised.raisedAt();
    this.state = State.OPEN;
  }

  void acknowledge(String by, String reason, Instant at) {
    this.state = State.ACKNOWLEDGED;
    this.acknowledgedBy = by;
    this.acknowledgement = reason;
    this.acknowledgedAt = at;
  }

  public String id() { return id; }
  public String ruleId() { return ruleId; }
  public String ruleName() { return ruleName; }
  public String condition() { return condition; }
  public String summary() { return summary; }
  public String traceId() { return traceId; }
  public List<String> eventIds() { return eventIds.isEmpty() ? List.of() : List.of(eventIds.split(",")); }
  public String raisedEventId() { return raisedEventId; }
  public Instant raisedAt() { return raisedAt; }
  public State state() { return state; }
  public Instant acknowledgedAt() { return acknowledgedAt; }
  public String acknowledgedBy() { return acknowledgedBy; }
  public String acknowledgement() { return acknowledgement; }
}
