package org.auditrail.alert;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.auditrail.event.AuditEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The alerts rules raised. Raising one writes its sealed {@code alert_raised} event, keeps the alert and then
 * publishes {@link AlertRaised} for delivery; acknowledging one writes {@code alert_acknowledged} first.
 */
public class Alerts {

  private final AlertRepository alerts;
  private final AlertEvents events;
  private final ApplicationEventPublisher publisher;
  private final TransactionTemplate transactions;
  private final Clock clock;

  Alerts(AlertRepository alerts, AlertEvents events, ApplicationEventPublisher publisher,
      TransactionTemplate transactions, Clock clock) {
    this.alerts = alerts;
    this.events = events;
    this.publisher = publisher;
    this.transactions = transactions;
    this.clock = clock;
  }

  /** Open alerts, or all of them, newest first. */
  public List<Alert> list(Optional<Alert.State> state) {
    return state.map(alerts::findByStateOrderByRaisedAtDesc).orElseGet(alerts::findAllByOrderByRaisedAtDesc);
  }

  /** The alerts naming the case (open ones, or all), newest first. */
  public List<Alert> ofCase(String traceId, Optional<Alert.State> state) {
    return state.map(wanted -> alerts.findByTraceIdAndStateOrderByRaisedAtDesc(traceId, wanted))
        .orElseGet(() -> alerts.findByTraceIdOrderByRaisedAtDesc(traceId));
  }

  public Optional<Alert> find(String id) {
    return alerts.findById(id);
  }

  /**
   * Raises the alert unless it was raised before: its id is derived from the rule and the triggering events, so an
   * evaluation repeated after a crash raises it once.
   */
  void raise(AlertRaised raised) {
    if (alerts.existsById(raised.alertId())) {
      return;
    }
    AuditEvent event = events.raised(raised);
    alerts.save(new Alert(raised, event.eventId()));
    AlertLogger.raised(raised);
    publisher.publishEvent(raised);
  }

  /** The acknowledged alert; empty when there is none with this id. Acknowledging twice records both. */
  public Optional<Alert> acknowledge(String id, String userId, String reason) {
    return transactions.execute(status -> alerts.findById(id).map(alert -> {
      alert.acknowledge(userId, reason, clock.instant());
      alerts.saveAndFlush(alert);
      events.acknowledged(alert, userId, reason, clock.instant());
      AlertLogger.acknowledged(id, userId);
      return alert;
    }));
  }
}
