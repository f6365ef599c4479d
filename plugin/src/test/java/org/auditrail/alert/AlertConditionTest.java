package org.auditrail.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.auditrail.MutableClock;
import org.auditrail.event.EventJson;
import org.auditrail.seal.Sequencer;
import org.junit.jupiter.api.Test;

/**
 * Each condition counts the events of its kind, as the plugin records them (docs/events.md), and nothing of a
 * clean run; a window counts by the events' own time and is used up when it fires.
 */
class AlertConditionTest {

  @Test
  void fourEyesRefusedCountsOnlyFourEyesRefusals() {
    assertThat(AlertCondition.FOUR_EYES_REFUSED.weight(event("review_refused", "error",
        "{\"refused\": \"four_eyes\"}"))).isEqualTo(1);
    assertThat(AlertCondition.FOUR_EYES_REFUSED.weight(event("review_refused", "error",
        "{\"refused\": \"reason_missing\"}"))).isZero();
    assertThat(AlertCondition.FOUR_EYES_REFUSED.weight(event("human_review", "success", "{}"))).isZero();
  }

  @Test
  void accessRefusedCountsAnswers403OfTheApiAndOfCaseDataReads() {
    assertThat(AlertCondition.ACCESS_REFUSED.weight(event("audit_api_accessed", "success", "{\"status\": 403}")))
        .isEqualTo(1);
    assertThat(AlertCondition.ACCESS_REFUSED.weight(event("data_accessed", "success", "{\"status\": 403}")))
        .isEqualTo(1);
    assertThat(AlertCondition.ACCESS_REFUSED.weight(event("audit_api_accessed", "success", "{\"status\": 200}")))
        .isZero();
  }

  @Test
  void anAggregatedBurstOfFailedLoginsCountsAsManyAsItRecords() {
    assertThat(AlertCondition.AUTHENTICATION_FAILED.weight(event("authentication_failed", "error",
        "{\"count\": 1}"))).isEqualTo(1);
    assertThat(AlertCondition.AUTHENTICATION_FAILED.weight(event("authentication_failed", "error",
        "{\"count\": 37}"))).isEqualTo(37);
    assertThat(AlertCondition.AUTHENTICATION_FAILED.weight(event("audit_api_accessed", "success", "{}"))).isZero();
  }

  @Test
  void operatorActionsAreTheReportsDefinitionCountedOncePerOperation() {
    JsonNode suspend = event("user_operation", "success", "{\"operation_type\": \"Suspend\", \"entity_type\":"
        + " \"ProcessInstance\", \"operation_id\": \"op-1\"}");
    assertThat(AlertCondition.OPERATOR_ACTION.weight(suspend)).isEqualTo(1);
    assertThat(AlertCondition.OPERATOR_ACTION.occurrenceKey(suspend)).isEqualTo("operation:op-1");
    assertThat(AlertCondition.OPERATOR_ACTION.weight(event("user_operation", "success", "{\"operation_type\":"
        + " \"Create\", \"entity_type\": \"ProcessInstance\"}"))).isZero();
  }

  @Test
  void modelErrorsAreFailedModelCalls() {
    assertThat(AlertCondition.MODEL_ERRORS.weight(event("model_call", "error", "{}"))).isEqualTo(1);
    assertThat(AlertCondition.MODEL_ERRORS.weight(event("model_call", "success", "{}"))).isZero();
    assertThat(AlertCondition.MODEL_ERRORS.weight(event("decision", "error", "{}"))).isZero();
  }

  @Test
  void verificationFailedIsAFailedRunOfContinuousVerification() {
    assertThat(AlertCondition.VERIFICATION_FAILED.weight(event("verification_completed", "error",
        "{\"result\": \"failed\"}"))).isEqualTo(1);
    assertThat(AlertCondition.VERIFICATION_FAILED.weight(event("verification_completed", "success",
        "{\"result\": \"verified\"}"))).isZero();
  }

  @Test
  void aWindowFiresAtTheThresholdByTheEventsTimeAndIsThenUsedUp() {
    RuleDefinition rule = RuleDefinition.parse(EventJson.mapper().createObjectNode().put("name", "bursts")
        .put("condition", "model_errors").set("parameters", EventJson.mapper().createObjectNode()
            .put("threshold", 2).put("window", "PT10M")));
    RuleWindow window = new RuleWindow();

    assertThat(window.add(occurrence("e1", "2026-12-01T10:00:00Z"), rule)).isEmpty();
    // Eleven minutes later the first one is out of the window.
    assertThat(window.add(occurrence("e2", "2026-12-01T10:11:00Z"), rule)).isEmpty();
    Optional<List<RuleWindow.Occurrence>> fired = window.add(occurrence("e3", "2026-12-01T10:15:00Z"), rule);
    assertThat(fired.orElseThrow()).extracting(RuleWindow.Occurrence::eventId).containsExactly("e2", "e3");
    assertThat(window.add(occurrence("e4", "2026-12-01T10:16:00Z"), rule)).isEmpty();
    // The same operation logged twice counts once.
    assertThat(window.add(occurrence("e4", "2026-12-01T10:16:00Z"), rule)).isEmpty();
  }

  @Test
  void anOccurrenceThatFiredFiresNoSecondAlertWhileItIsInTheWindow() {
    RuleDefinition rule = RuleDefinition.parse(EventJson.mapper().createObjectNode().put("name", "operations")
        .put("condition", "operator_action").set("parameters", EventJson.mapper().createObjectNode()
            .put("threshold", 1).put("window", "PT1H")));
    RuleWindow window = new RuleWindow();

    assertThat(window.add(keyed("e1", "operation:op-1", "2026-12-01T10:00:00Z"), rule)).isPresent();
    // Camunda logs one operation as several entries: the second entry of the operation that fired is not new.
    assertThat(window.add(keyed("e2", "operation:op-1", "2026-12-01T10:00:00Z"), rule)).isEmpty();
    assertThat(window.add(keyed("e3", "operation:op-2", "2026-12-01T10:05:00Z"), rule)).isPresent();
    // Once the window has passed, the same key is an occurrence again (a finding that persists raises again).
    assertThat(window.add(keyed("e4", "operation:op-1", "2026-12-01T11:00:01Z"), rule).orElseThrow())
        .extracting(RuleWindow.Occurrence::eventId).containsExactly("e4");
  }

  @Test
  void failedVerificationsReportingTheSameFindingAreOneOccurrence() {
    JsonNode first = event("verification_completed", "error", "{\"result\": \"failed\", \"problems\": [{\"problem\":"
        + " \"modified\", \"event_id\": \"evt-9\", \"log_index\": 41, \"detail\": \"leaf mismatch\"}]}");
    ObjectNode again = first.deepCopy();
    again.put("event_id", "evt-2");
    assertThat(AlertCondition.VERIFICATION_FAILED.occurrenceKey(again))
        .isEqualTo(AlertCondition.VERIFICATION_FAILED.occurrenceKey(first)).isEqualTo("finding:modified@41:evt-9");
    ObjectNode other = first.deepCopy();
    ((ObjectNode) other.path("output").path("problems").path(0)).put("log_index", 42);
    assertThat(AlertCondition.VERIFICATION_FAILED.occurrenceKey(other)).isEqualTo("finding:modified@42:evt-9");
  }

  @Test
  void highRiskAiDecisionsAreMadeDecisionsWhoseFieldIsHighRisk() {
    JsonNode levels = rule("high_risk_ai_decisions", "{\"process_definition_key\": \"kycCheck\"}").parameters();
    assertThat(AlertCondition.HIGH_RISK_AI_DECISIONS.weight(decision("success", "{\"riskLevel\": \"high\"}"),
        levels)).isEqualTo(1);
    assertThat(AlertCondition.HIGH_RISK_AI_DECISIONS.weight(decision("success", "{\"riskLevel\": \"low\"}"),
        levels)).isZero();
    assertThat(AlertCondition.HIGH_RISK_AI_DECISIONS.considered(decision("success", "{\"riskLevel\": \"low\"}"),
        levels)).isTrue();
    // A failed decision is neither high risk nor one of those made.
    assertThat(AlertCondition.HIGH_RISK_AI_DECISIONS.considered(decision("error", "{\"riskLevel\": \"high\"}"),
        levels)).isFalse();
    JsonNode otherProcess = rule("high_risk_ai_decisions", "{\"process_definition_key\": \"loans\"}")
        .parameters();
    assertThat(AlertCondition.HIGH_RISK_AI_DECISIONS.weight(decision("success", "{\"riskLevel\": \"high\"}"),
        otherProcess)).isZero();
    JsonNode scores = rule("high_risk_ai_decisions", "{\"field\": \"riskScore\", \"at_least\": 70}")
        .parameters();
    assertThat(AlertCondition.HIGH_RISK_AI_DECISIONS.weight(decision("success", "{\"riskScore\": 70}"), scores))
        .isEqualTo(1);
    assertThat(AlertCondition.HIGH_RISK_AI_DECISIONS.weight(decision("success", "{\"riskScore\": 69.5}"), scores))
        .isZero();
    assertThat(AlertCondition.HIGH_RISK_AI_DECISIONS.weight(decision("success", "{\"riskScore\": \"90\"}"),
        scores)).isZero();
  }

  @Test
  void overridesAreReviewsWithANonEmptyPatchAmongAllReviews() {
    JsonNode parameters = rule("override_rate", "{\"share\": 0.3}").parameters();
    JsonNode edited = event("human_review", "success", "{\"action\": \"edit\", \"patch\": [{\"op\":"
        + " \"replace\", \"path\": \"/riskLevel\", \"value\": \"low\"}]}");
    JsonNode approved = event("human_review", "success", "{\"action\": \"approve\", \"patch\": []}");
    assertThat(AlertCondition.OVERRIDE_RATE.weight(edited, parameters)).isEqualTo(1);
    assertThat(AlertCondition.OVERRIDE_RATE.weight(approved, parameters)).isZero();
    assertThat(AlertCondition.OVERRIDE_RATE.considered(approved, parameters)).isTrue();
    assertThat(AlertCondition.OVERRIDE_RATE.considered(event("review_refused", "error", "{}"), parameters)).isFalse();
  }

  @Test
  void aConfigurationChangeCountsUnlessItIsAFirstRunOrToAnApprovedSnapshotAndAnUnknownOneCounts() {
    String approved = "a".repeat(64);
    JsonNode parameters = rule("unapproved_configuration_change", "{\"approved_snapshots\": [\"" + approved
        + "\"]}").parameters();
    JsonNode changed = configurationChange("{\"snapshot_sha256\": \"" + "b".repeat(64) + "\", \"changed\":"
        + " {\"model\": {}, \"prompt\": {}}}");
    assertThat(AlertCondition.UNAPPROVED_CONFIGURATION_CHANGE.weight(changed, parameters)).isEqualTo(1);
    assertThat(AlertCondition.UNAPPROVED_CONFIGURATION_CHANGE.detail(changed))
        .isEqualTo("AI task kycCheck/scoreRisk (model, prompt)");
    assertThat(AlertCondition.UNAPPROVED_CONFIGURATION_CHANGE.weight(configurationChange("{\"snapshot_sha256\": \""
        + approved + "\", \"changed\": {\"prompt\": {}}}"), parameters)).isZero();
    assertThat(AlertCondition.UNAPPROVED_CONFIGURATION_CHANGE.weight(configurationChange("{\"snapshot_sha256\": \""
        + "c".repeat(64) + "\", \"first_run\": true}"), parameters)).isZero();
    JsonNode unknown = configurationChange("{\"known\": false}");
    assertThat(AlertCondition.UNAPPROVED_CONFIGURATION_CHANGE.weight(unknown, parameters)).isEqualTo(1);
    assertThat(AlertCondition.UNAPPROVED_CONFIGURATION_CHANGE.detail(unknown))
        .isEqualTo("AI task kycCheck/scoreRisk (unknown)");
    assertThat(AlertCondition.UNAPPROVED_CONFIGURATION_CHANGE.weight(decision("success", "{}"), parameters)).isZero();
  }

  @Test
  void aShareWindowFiresOnlyFromMinEventsOnAndIsThenUsedUp() {
    RuleDefinition rule = rule("override_rate", "{\"share\": 0.5, \"min_events\": 3, \"window\": \"PT10M\"}");
    ShareWindow window = new ShareWindow();

    assertThat(window.add(considered("e1", "2026-12-01T10:00:00Z", 1), rule)).isEmpty();
    assertThat(window.add(considered("e2", "2026-12-01T10:01:00Z", 1), rule)).as("below min_events").isEmpty();
    // Eleven minutes after e1 and e2, only e3 and e4 are in the window: 1 of 2, still below min_events.
    assertThat(window.add(considered("e3", "2026-12-01T10:12:00Z", 0), rule)).isEmpty();
    assertThat(window.add(considered("e4", "2026-12-01T10:12:30Z", 1), rule)).isEmpty();
    assertThat(window.add(considered("e5", "2026-12-01T10:13:00Z", 0), rule)).as("1 of 3 is below the share")
        .isEmpty();
    ShareWindow.Fired fired = window.add(considered("e6", "2026-12-01T10:14:00Z", 1), rule).orElseThrow();
    assertThat(fired.matching()).extracting(RuleWindow.Occurrence::eventId).containsExactly("e4", "e6");
    assertThat(fired.considered()).isEqualTo(4);
    assertThat(window.add(considered("e7", "2026-12-01T10:15:00Z", 1), rule)).as("used up").isEmpty();
  }

  @Test
  void aSealingStateRaisesOncePerEpisodeAndAgainOnlyAfterItWasClean() {
    RuleDefinition anchoring = rule("signing_or_anchor_failure", "{}");
    RuleDefinition degraded = rule("sealing_degraded", "{\"for\": \"PT5M\"}");
    MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    SealingWatch watch = new SealingWatch(() -> null, clock);
    Sequencer.LogStatus clean = new Sequencer.LogStatus(null, null, null, 10, 20, null, null, 0);
    Sequencer.LogStatus unanchored = new Sequencer.LogStatus(null, "anchor folder /a: denied", null, 10, 20, null,
        null, 0);

    assertThat(watch.check("r1", anchoring, clean)).isEmpty();
    AlertRaised first = watch.check("r1", anchoring, unanchored).orElseThrow();
    assertThat(first.summary()).isEqualTo("checkpoints not anchored or time-stamped: anchor folder /a: denied");
    assertThat(first.traceId()).isNull();
    assertThat(first.eventIds()).isEmpty();
    watch.raised("r1");
    clock.now = clock.now.plusSeconds(60);
    assertThat(watch.check("r1", anchoring, unanchored)).as("the same episode").isEmpty();
    assertThat(watch.check("r1", anchoring, clean)).isEmpty();
    AlertRaised again = watch.check("r1", anchoring, unanchored).orElseThrow();
    assertThat(again.alertId()).isNotEqualTo(first.alertId());

    assertThat(watch.check("r2", degraded, unanchored)).as("degraded for less than PT5M").isEmpty();
    clock.now = clock.now.plus(Duration.ofMinutes(5));
    assertThat(watch.check("r2", degraded, unanchored).orElseThrow().summary())
        .isEqualTo("sealing degraded for at least PT5M: anchor folder /a: denied");
    Sequencer.LogStatus stalled = new Sequencer.LogStatus(null, null, null, 10, 20, null, null, 301_000);
    assertThat(watch.check("r3", degraded, stalled).orElseThrow().summary())
        .isEqualTo("sealing degraded for at least PT5M: an event has waited PT5M1S to be sealed");
    assertThat(watch.check("r4", degraded, null)).as("no sequencer, no state").isEmpty();
  }

  private static RuleDefinition rule(String condition, String parameters) {
    try {
      return RuleDefinition.parse(EventJson.mapper().createObjectNode().put("name", "rule")
          .put("condition", condition).set("parameters", EventJson.mapper().readTree(parameters)));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }

  private static RuleWindow.Occurrence considered(String eventId, String at, long weight) {
    return new RuleWindow.Occurrence(eventId, "case-1", Instant.parse(at), weight, eventId);
  }

  private static JsonNode decision(String outcome, String value) {
    ObjectNode event = (ObjectNode) event("decision", outcome, "{}");
    try {
      ((ObjectNode) event.path("output")).set("value", EventJson.mapper().readTree(value));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new AssertionError(e);
    }
    event.putObject("context").put("process_definition_key", "kycCheck").put("activity_id", "scoreRisk");
    return event;
  }

  private static JsonNode configurationChange(String change) {
    ObjectNode event = (ObjectNode) decision("success", "{}");
    try {
      event.putObject("metadata").set("auditrail.configuration_change", EventJson.mapper().readTree(change));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new AssertionError(e);
    }
    return event;
  }

  private static RuleWindow.Occurrence keyed(String eventId, String key, String at) {
    return new RuleWindow.Occurrence(eventId, "case-1", Instant.parse(at), 1, key);
  }

  private static RuleWindow.Occurrence occurrence(String eventId, String at) {
    return new RuleWindow.Occurrence(eventId, "case-1", Instant.parse(at), 1, eventId);
  }

  private static JsonNode event(String type, String outcome, String output) {
    try {
      ObjectNode event = EventJson.mapper().createObjectNode().put("event_id", "evt-1").put("event_type", type)
          .put("outcome", outcome);
      event.set("output", EventJson.mapper().readTree(output));
      return event;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }
}
