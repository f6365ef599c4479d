package org.auditrail.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.auditrail.sample.SampleApi.only;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.StreamSupport;
import org.auditrail.verify.Checkpoint;
import org.auditrail.verify.InclusionProof;
import org.auditrail.verify.NoteVerifier;
import org.auditrail.verify.Rfc6962;
import org.auditrail.verify.SignedNote;
import org.junit.jupiter.api.Test;

/**
 * The whole sample application over real HTTP: a KYC case started and reviewed through the engine's REST API by
 * named users, then read back by an auditor through the audit API.
 */
class SampleApplicationTest extends RunningSampleApplication {

  /** When this test began (a new instance per test): the shared application holds more than a page of older calls. */
  private final java.time.Instant started = java.time.Instant.now().minusSeconds(1);


  @Test
  void kycReviewThroughRestIsAttributedToTheUsersWhoActed() throws Exception {
    String caseId = api.reviewedKycCase("KYC-2026-0001");

    JsonNode trace = api.get("/api/audit/traces/" + caseId, "alice", "alice").json(200);
    assertThat(trace.path("trace_id").asText()).isEqualTo(caseId);
    List<JsonNode> events = StreamSupport.stream(trace.path("events").spliterator(), false).toList();
    assertThat(trace.path("event_count").asInt()).isEqualTo(events.size());

    JsonNode processStarted = only(events, "process_started", null);
    assertThat(processStarted.path("actor").path("id").asText()).isEqualTo("demo");
    assertThat(processStarted.path("context").path("business_key").asText()).isEqualTo("KYC-2026-0001");
    assertThat(processStarted.path("input").path("variables").path("country").path("value").asText()).isEqualTo("KP");

    JsonNode riskDecision = only(events, "gateway_decision", "riskLevel");
    assertThat(riskDecision.path("output").path("sequence_flow_id").asText()).isEqualTo("riskLevel_to_reviewKyc");
    assertThat(riskDecision.path("output").path("condition").asText()).isEqualTo("${riskScore >= 50}");
    assertThat(riskDecision.path("output").path("target_activity_id").asText()).isEqualTo("reviewKyc");
    // What the condition read, in the gateway's own event: the AI's riskScore exactly as its variable was recorded.
    assertThat(riskDecision.path("input").path("variables").fieldNames()).toIterable().containsExactly("riskScore");
    assertThat(riskDecision.path("input").path("variables").path("riskScore"))
        .isEqualTo(only(events, "variable_created", null, "riskScore").path("output").path("value"));
    assertThat(only(events, "variable_created", null, "riskScore").path("output").path("value").path("value")
        .asInt()).isEqualTo(60);

    JsonNode completed = only(events, "task_completed", "reviewKyc");
    assertThat(completed.path("actor").path("type").asText()).isEqualTo("user");
    assertThat(completed.path("actor").path("id").asText()).isEqualTo("mary");
    assertThat(completed.path("output").path("variables").path("reviewReason").path("value").asText())
        .isEqualTo("Passport verified in person");
    assertThat(only(events, "task_claimed", "reviewKyc").path("actor").path("id").asText()).isEqualTo("mary");
    assertThat(only(events, "gateway_decision", "reviewDecision").path("output").path("target_activity_id")
        .asText()).isEqualTo("openAccount");
    assertThat(only(events, "activity_completed", "openAccount").path("actor").path("id").asText())
        .isEqualTo("mary");
    assertThat(only(events, "process_completed", null).path("output").path("end_activity_id").asText())
        .isEqualTo("accountOpened");
  }

  @Test
  void operationsThroughTheRestApiAreRecordedWithTheOperator() throws Exception {
    String caseId = api.send("POST", "/engine-rest/process-definition/key/kycCheck/start", "demo", "demo",
        "{\"businessKey\":\"KYC-2026-0002\",\"variables\":{\"customerNumber\":{\"value\":\"C-2002\"},"
            + "\"customerName\":{\"value\":\"Boris Badenov\"},"
            + "\"country\":{\"value\":\"DE\"},\"documentType\":{\"value\":\"passport\"}}}")
        .json(200).path("id").asText();
    api.awaitTask(caseId, "demo", "demo");
    api.send("PUT", "/engine-rest/process-instance/" + caseId + "/suspended", "demo", "demo", "{\"suspended\":true}")
        .status(204);
    api.send("PUT", "/engine-rest/process-instance/" + caseId + "/variables/riskScore", "demo", "demo",
        "{\"value\":95,\"type\":\"Integer\"}").status(204);
    api.send("DELETE", "/engine-rest/process-instance/" + caseId + "?skipCustomListeners=true", "demo", "demo", null)
        .status(204);

    List<JsonNode> events = StreamSupport.stream(
        api.get("/api/audit/traces/" + caseId, "alice", "alice").json(200).path("events").spliterator(),
        false).toList();
    List<String> operations = events.stream()
        .filter(e -> e.path("event_type").asText().equals("user_operation"))
        .map(e -> e.path("output").path("operation_type").asText() + " by " + e.path("actor").path("id").asText())
        .toList();
    assertThat(operations).containsExactly("Create by demo", "Suspend by demo", "SetVariable by demo",
        "Delete by demo");
    JsonNode scoreChange = only(events, "variable_updated", null, "riskScore");
    assertThat(scoreChange.path("input").path("value").path("value").asInt()).isEqualTo(90);
    assertThat(scoreChange.path("output").path("value").toString()).isEqualTo("{\"type\":\"integer\",\"value\":95}");
    JsonNode cancelled = only(events, "process_cancelled", null);
    assertThat(cancelled.path("actor").path("id").asText()).isEqualTo("demo");
    assertThat(cancelled.path("output").path("state").asText()).isEqualTo("EXTERNALLY_TERMINATED");
    assertThat(only(events, "task_deleted", "reviewKyc").path("actor").path("id").asText()).isEqualTo("demo");
  }

  @Test
  void everyEventIsSealedUnderASignedCheckpointWhoseProofsVerifyOffline() throws Exception {
    String caseId = api.send("POST", "/engine-rest/process-definition/key/invoiceApproval/start", "demo", "demo",
        "{\"businessKey\":\"INV-SEAL-1\",\"variables\":{\"vendor\":{\"value\":\"Acme GmbH\"},"
            + "\"invoiceNumber\":{\"value\":\"A-77\"},\"amount\":{\"value\":900,\"type\":\"Long\"}}}")
        .json(200).path("id").asText();
    JsonNode trace = api.get("/api/audit/traces/" + caseId, "alice", "alice").json(200);
    JsonNode first = trace.path("events").get(0);
    String eventId = first.path("event_id").asText();

    SampleApi.Reply proof = api.get("/api/audit/proofs/inclusion?eventId=" + eventId, "alice", "alice");
    for (int attempt = 0; proof.status() != 200 && attempt < 50; attempt++) {
      Thread.sleep(200); // the sequencer seals within about a second
      proof = api.get("/api/audit/proofs/inclusion?eventId=" + eventId, "alice", "alice");
    }
    JsonNode inclusion = proof.json(200);
    NoteVerifier key = NoteVerifier.parseVkey(
        api.get("/api/audit/public-keys", "alice", "alice").text().lines().findFirst().orElseThrow());
    SignedNote note = SignedNote.parse(inclusion.path("checkpoint").path("signed_note").asText());
    assertThat(key.verifies(note)).isTrue();
    Checkpoint checkpoint = Checkpoint.parse(note.body());
    List<byte[]> hashes = StreamSupport.stream(inclusion.path("hashes").spliterator(), false)
        .map(hash -> Base64.getDecoder().decode(hash.asText())).toList();
    byte[] leaf = Rfc6962.leafHash(SampleApi.JSON.writeValueAsString(first).getBytes(StandardCharsets.UTF_8));
    new InclusionProof(inclusion.path("leaf_index").asLong(), checkpoint.size(), hashes)
        .verify(leaf, checkpoint.rootHash());

    assertThat(api.get("/api/audit/proofs/consistency?from=0&to=" + checkpoint.size(), "alice", "alice")
        .json(400).path("detail").asText())
        .isEqualTo("'from' must be at least 1 (a consistency proof from size 0 is not defined), but was: 0");
    assertThat(api.get("/api/audit/proofs/consistency?from=x&to=1", "alice", "alice").json(400)
        .path("parameter").asText()).isEqualTo("from");
    assertThat(api.get("/api/audit/proofs/inclusion", "alice", "alice").json(400).path("detail")
        .asText()).isEqualTo("parameter 'eventId' is required");
    JsonNode latest = api.get("/api/audit/checkpoints/latest", "alice", "alice").json(200);
    assertThat(latest.path("tree_size").asLong()).isGreaterThanOrEqualTo(checkpoint.size());
    assertThat(latest.path("degraded").asBoolean()).isFalse();
    JsonNode verification = api.get("/api/audit/verify", "alice", "alice").json(200);
    assertThat(verification.path("findings").toString()).isEqualTo("[]");
    assertThat(verification.path("verified").asBoolean()).isTrue();
  }

  @Test
  void auditAndEngineApisRefuseAnonymousCallersAndNonAuditors() throws Exception {
    SampleApi.Reply anonymous = api.get("/api/audit/events", null, null);
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"audit\"");
    assertThat(anonymous.json(401).path("code").asText()).isEqualTo("unauthenticated");
    // A wrong password would lock that user for seconds (Camunda throttles logins), so use an unknown user.
    assertThat(api.get("/api/audit/events", "mallory", "guess").status()).isEqualTo(401);
    assertThat(api.get("/engine-rest/task", null, null).status()).isEqualTo(401);

    JsonNode forbidden = api.get("/api/audit/events", "mary", "mary").json(403);
    assertThat(forbidden.path("detail").asText())
        .isEqualTo("user 'mary' is not a member of any of the groups [auditors, camunda-admin] allowed to use"
            + " this API");
    assertThat(api.get("/api/audit/events", "demo", "demo").status()).isEqualTo(200);

    // Other tests of the shared application are refused to mary elsewhere (blobs, the demo API); this one is hers.
    List<JsonNode> refusals = SampleApi.events(api.get(
        "/api/audit/events?eventType=audit_api_accessed&actorId=mary&size=500&from=" + started, "alice", "alice")
        .json(200))
        .stream().filter(event -> event.path("input").path("path").asText().equals("/api/audit/events")).toList();
    assertThat(refusals).hasSize(1);
    JsonNode refusal = refusals.get(0);
    assertThat(refusal.path("output").toString()).isEqualTo("{\"status\":403}");
    assertThat(refusal.path("outcome").asText()).isEqualTo("error");
  }

  @Test
  void badQueriesGetErrorsThatNameTheParameter() throws Exception {
    assertThat(api.get("/api/audit/events?from=yesterday", "alice", "alice").json(400).toString())
        .isEqualTo("{\"type\":\"https://auditrail.org/problems/invalid_parameter\",\"title\":\"Invalid parameter\","
            + "\"status\":400,\"detail\":\"'from' must be an ISO-8601 UTC instant such as 2026-01-12T00:00:00Z, but"
            + " was: yesterday\",\"instance\":\"/api/audit/events\",\"code\":\"invalid_parameter\",\"parameter\":"
            + "\"from\"}");
    assertThat(api.get("/api/audit/events?colour=red", "alice", "alice").json(400).path("parameter")
        .asText()).isEqualTo("colour");
    assertThat(api.get("/api/audit/events?eventType=lunch", "alice", "alice").json(400).path("detail")
        .asText()).startsWith("unknown eventType 'lunch'; known event types are [activity_cancelled,");
    assertThat(api.get("/api/audit/events?size=100000", "alice", "alice").json(400).path("detail")
        .asText()).isEqualTo("'size' must be between 1 and 500, but was: 100000");
    assertThat(api.get("/api/audit/traces/no-such-case", "alice", "alice").json(404).path("code")
        .asText()).isEqualTo("unknown_case");
    assertThat(api.get("/api/audit/blobs/not-a-hash", "alice", "alice").json(400).path("parameter")
        .asText()).isEqualTo("sha256");
  }

  @Test
  void eventsCanBeFilteredAndPaged() throws Exception {
    for (int i = 1; i <= 3; i++) {
      api.send("POST", "/engine-rest/process-definition/key/invoiceApproval/start", "demo", "demo",
          "{\"businessKey\":\"INV-PAGE-" + i + "\",\"variables\":{\"vendor\":{\"value\":\"Acme GmbH\"},"
              + "\"invoiceNumber\":{\"value\":\"A-" + i + "\"},\"amount\":{\"value\":500,\"type\":\"Long\"}}}")
          .status(200);
    }
    JsonNode firstPage = api.send("GET", "/api/audit/events?eventType=process_started&actorId=demo&size=2"
        + "&from=" + URLEncoder.encode("2020-01-01T00:00:00Z", StandardCharsets.UTF_8), "alice", "alice", null)
        .json(200);
    assertThat(firstPage.path("total").asLong()).isGreaterThanOrEqualTo(3);
    assertThat(firstPage.path("events")).hasSize(2);
    JsonNode byKey = api.send("GET", "/api/audit/events?businessKey=INV-PAGE-2&eventType=process_started", "alice",
        "alice", null).json(200);
    assertThat(byKey.path("total").asLong()).isEqualTo(1);
    assertThat(byKey.path("events").get(0).path("context").path("business_key").asText()).isEqualTo("INV-PAGE-2");
  }
}
