package org.auditrail.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * A review refused by its rules reaches a client of the engine's REST API as a bad request (400) with the rule's
 * own words in Camunda's error body, and the task stays open for a correct completion; the refusals are events.
 */
class ReviewRefusalHttpTest extends RunningSampleApplication {

  @Test
  void aRefusedReviewIsABadRequestWithTheRulesMessageAndTheTaskStaysOpen() throws Exception {
    String caseId = api.send("POST", "/engine-rest/process-definition/key/kycCheck/start", "demo", "demo",
        "{\"businessKey\":\"KYC-REFUSED-1\",\"variables\":{\"customerNumber\":{\"value\":\"C-2003\"},"
            + "\"customerName\":{\"value\":\"Olga Refused\"},"
            + "\"country\":{\"value\":\"KP\"},\"documentType\":{\"value\":\"passport\"}}}").json(200)
        .path("id").asText();
    String taskId = api.awaitTask(caseId, "mary", "mary").path("id").asText();
    api.send("POST", "/engine-rest/task/" + taskId + "/claim", "mary", "mary", "{\"userId\":\"mary\"}").status(204);

    JsonNode missingReason = api.send("POST", "/engine-rest/task/" + taskId + "/submit-form", "mary", "mary",
        "{\"variables\":{\"decision\":{\"value\":\"reject\"}}}").json(400);
    assertThat(missingReason.path("type").asText()).isEqualTo("RestException");
    assertThat(missingReason.path("message").asText()).isEqualTo("Cannot submit task form " + taskId + ": A reason"
        + " is required: you rejected the AI draft. Explain why in 'reviewReason', then complete the task again.");

    JsonNode invalidDecision = api.send("POST", "/engine-rest/task/" + taskId + "/complete", "mary", "mary",
        "{\"variables\":{\"decision\":{\"value\":\"maybe\"},\"reviewReason\":{\"value\":\"unsure\"}}}").json(400);
    assertThat(invalidDecision.path("type").asText()).isEqualTo("RestException");
    assertThat(invalidDecision.path("message").asText()).startsWith("Cannot complete task " + taskId + ": The review"
        + " cannot be completed: ").endsWith(". Enter one of them in 'decision'.");

    JsonNode fourEyes = api.send("POST", "/engine-rest/task/" + taskId + "/complete", "demo", "demo",
        "{\"variables\":{\"decision\":{\"value\":\"approve\"},\"reviewReason\":{\"value\":\"looks fine\"}}}")
        .json(400);
    assertThat(fourEyes.path("message").asText()).isEqualTo("Cannot complete task " + taskId + ": Four-eyes rule:"
        + " demo started this case and may not approve its AI draft. Another reviewer must complete this task.");

    assertThat(api.get("/engine-rest/task/" + taskId, "mary", "mary").json(200).path("assignee").asText())
        .isEqualTo("mary");
    assertThat(SampleApi.events(api.get("/api/audit/traces/" + caseId, "alice", "alice").json(200)).stream()
        .filter(event -> event.path("event_type").asText().equals("review_refused"))
        .map(event -> event.path("error").path("type").asText()))
        .containsExactly("reason_missing", "invalid_decision", "four_eyes");

    api.send("POST", "/engine-rest/task/" + taskId + "/submit-form", "mary", "mary",
        "{\"variables\":{\"decision\":{\"value\":\"reject\"},\"reviewReason\":{\"value\":\"Sanctioned country\"}}}")
        .status(204);
    assertThat(api.get("/engine-rest/task/" + taskId, "mary", "mary").status()).isEqualTo(404);
  }
}
