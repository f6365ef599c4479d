package org.auditrail.alert;

import java.time.Clock;
import java.util.function.Supplier;
import org.auditrail.seal.Sequencer;
import org.auditrail.store.AuditStore;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/** Builds the parts of alerting once, around one writer of their audit events. */
public final class Alerting {

  private final AuditStore store;
  private final AlertRules rules;
  private final Alerts alerts;
  private final Clock clock;

  public Alerting(AuditStore store, AlertRuleRepository rules, AlertRepository alerts,
      ApplicationEventPublisher publisher, TransactionTemplate transactions, Clock clock) {
    AlertEvents events = new AlertEvents(store);
    this.store = store;
    this.clock = clock;
    this.rules = new AlertRules(rules, events, transactions, clock);
    this.alerts = new Alerts(alerts, events, publisher, transactions, clock);
  }

  public AlertRules rules() {
    return rules;
  }

  public Alerts alerts() {
    return alerts;
  }

  /**
   * @param sealing this node's sealing status for the rules on it ({@code signing_or_anchor_failure},
   *     {@code sealing_degraded}); a supplier of {@code null} where this node does not seal
   */
  public AlertEvaluator evaluator(int batchSize, Supplier<Sequencer.LogStatus> sealing) {
    return new AlertEvaluator(store.sealedLog(), store.sinkPositions(), rules, alerts, batchSize, sealing, clock);
  }
}
