package org.auditrail.alert;

import java.time.Instant;
import java.util.List;

/**
 * An alert a rule raised, published as a Spring application event once its {@code alert_raised} event is written,
 * so that delivery happens apart from the evaluation and never blocks it.
 *
 * @param alertId the alert's id (as in {@code GET /api/alerts})
 * @param ruleId the rule that raised it
 * @param ruleName the rule's name
 * @param condition the rule's condition, such as {@code four_eyes_refused}
 * @param summary one line for people: what happened, where, how often
 * @param traceId the case, or {@code null} when the alert is about the log or the system
 * @param eventIds the triggering events, by id
 * @param channels where to deliver it
 * @param raisedAt when it was raised
 */
public record AlertRaised(String alertId, String ruleId, String ruleName, String condition, String summary,
    String traceId, List<String> eventIds, List<AlertChannel> channels, Instant raisedAt) {

  public AlertRaised {
    eventIds = List.copyOf(eventIds);
    channels = List.copyOf(channels);
  }
}
