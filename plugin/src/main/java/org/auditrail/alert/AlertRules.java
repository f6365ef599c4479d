package org.auditrail.alert;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rules compliance manages. Every change is first recorded as an {@code alert_rule_changed} event, inside the
 * transaction that makes it: a change whose event cannot be written is not made.
 */
public class AlertRules {

  private final AlertRuleRepository rules;
  private final AlertEvents events;
  private final TransactionTemplate transactions;
  private final Clock clock;

  AlertRules(AlertRuleRepository rules, AlertEvents events, TransactionTemplate transactions, Clock clock) {
    this.rules = rules;
    this.events = events;
    this.transactions = transactions;
    this.clock = clock;
  }

  public List<AlertRule> all() {
    return rules.findAllByOrderByCreatedAtAscIdAsc();
  }

  public Optional<AlertRule> find(String id) {
    return rules.findById(id);
  }

  public AlertRule create(RuleDefinition definition, String userId) {
    return transactions.execute(status -> {
      AlertRule rule = rules.saveAndFlush(new AlertRule(UUID.randomUUID().toString(), definition, userId,
          clock.instant()));
      events.ruleChanged(rule.id(), "created", userId, null, definition, clock.instant());
      AlertLogger.ruleChanged(rule.id(), "created", userId);
      return rule;
    });
  }

  /** The changed rule, or empty when there is no rule with this id. */
  public Optional<AlertRule> update(String id, RuleDefinition definition, String userId) {
    return transactions.execute(status -> rules.findById(id).map(rule -> {
      RuleDefinition before = rule.definition();
      rule.change(definition, userId, clock.instant());
      rules.saveAndFlush(rule);
      events.ruleChanged(id, "updated", userId, before, definition, clock.instant());
      AlertLogger.ruleChanged(id, "updated", userId);
      return rule;
    }));
  }

  /** Whether there was a rule with this id to delete. */
  public boolean delete(String id, String userId) {
    return Boolean.TRUE.equals(transactions.execute(status -> rules.findById(id).map(rule -> {
      RuleDefinition before = rule.definition();
      rules.delete(rule);
      rules.flush();
      events.ruleChanged(id, "deleted", userId, before, null, clock.instant());
      AlertLogger.ruleChanged(id, "deleted", userId);
      return true;
    }).orElse(false)));
  }
}
