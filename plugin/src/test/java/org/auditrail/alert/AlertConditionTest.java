package org.auditrail.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.auditrail.event.EventJson;
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
