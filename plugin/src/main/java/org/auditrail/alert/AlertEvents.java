package org.auditrail.alert;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.auditrail.capture.ActionNotRecordedException;
import org.auditrail.event.Actor;
import org.auditrail.event.AuditEvent;
import org.auditrail.event.EventContext;
import org.auditrail.event.EventIds;
import org.auditrail.event.EventJson;
import org.auditrail.event.EventType;
import org.auditrail.event.Outcome;
import org.auditrail.store.AuditStore;

/**
 * The audit events of alerting (docs/events.md): rule changes, raised and acknowledged alerts, each committed on its
 * own before the change it records is, so that no change goes unrecorded.
 */
final class AlertEvents {

  static final Actor EVALUATOR = Actor.system("audit-alerts", null);
  static final String RULES_TRACE = "alert-rules";

  private final AuditStore store;

  AlertEvents(AuditStore store) {
    this.store = store;
  }

  /** {@code before} is null for a new rule, {@code after} null for a deleted one. */
  AuditEvent ruleChanged(String ruleId, String change, String userId, RuleDefinition before, RuleDefinition after,
      Instant at) {
    ObjectNode input = EventJson.mapper().createObjectNode();
    input.set("rule", before == null ? null : before.toJson());
    ObjectNode output = EventJson.mapper().createObjectNode().put("rule_id", ruleId).put("change", change);
    output.set("rule", after == null ? null : after.toJson());
    return append(new AuditEvent(EventIds.next(), RULES_TRACE, null, at, Actor.user(userId, null),
        EventType.ALERT_RULE_CHANGED, EventContext.builder().build(), null, input, output, null, Outcome.SUCCESS,
        null));
  }

  AuditEvent raised(AlertRaised alert) {
    ObjectNode output = EventJson.mapper().createObjectNode().put("alert_id", alert.alertId())
        .put("rule_id", alert.ruleId()).put("rule_name", alert.ruleName()).put("condition", alert.condition())
        .put("summary", alert.summary()).put("case", alert.traceId());
    alert.eventIds().forEach(output.putArray("event_ids")::add);
    return append(new AuditEvent(EventIds.next(), alertsTrace(alert.raisedAt()), null, alert.raisedAt(),
        EVALUATOR, EventType.ALERT_RAISED, EventContext.builder().build(), null, null, output, null,
        Outcome.SUCCESS, null));
  }

  AuditEvent acknowledged(Alert alert, String userId, String reason, Instant at) {
    ObjectNode input = EventJson.mapper().createObjectNode().put("reason", reason);
    ObjectNode output = EventJson.mapper().createObjectNode().put("alert_id", alert.id())
        .put("rule_id", alert.ruleId()).put("raised_event_id", alert.raisedEventId());
    return append(new AuditEvent(EventIds.next(), alertsTrace(at), null, at, Actor.user(userId, null),
        EventType.ALERT_ACKNOWLEDGED, EventContext.builder().build(), null, input, output, null, Outcome.SUCCESS,
        null));
  }

  /** One trace per day, as continuous verification keeps its runs: alerts are about the log, not one case. */
  private static String alertsTrace(Instant at) {
    return EventIds.dailyTrace("alerts", at);
  }

  private AuditEvent append(AuditEvent event) {
    try {
      store.events().appendDetached(List.of(event), List.of());
      return event;
    } catch (SQLException | RuntimeException e) {
      throw new ActionNotRecordedException(event.eventType().wireName(), event.eventId(), e);
    }
  }
}
