package org.auditrail.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.auditrail.sample.SampleApi.events;
import static org.auditrail.sample.SampleApi.only;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.auditrail.ai.RuleBasedChatModel;
import org.junit.jupiter.api.Test;

/**
 * The sample's AI tasks on the offline default, over real HTTP: each case's trace shows the whole chain from input
 * through retrieval, model and tool calls, the AI draft and the human review to the action taken.
 */
class SampleAiTest extends RunningSampleApplication {

  @Test
  void kycTraceShowsInputRetrievalModelCallDecisionReviewAndAction() throws Exception {
    String caseId = api.reviewedKycCase("KYC-AI-1");
    List<JsonNode> events = events(api.get("/api/audit/traces/" + caseId, "alice", "alice").json(200));

    JsonNode started = only(events, "process_started", null);
    assertThat(started.path("input").path("variables").path("country").path("value").asText()).isEqualTo("KP");
    JsonNode rating = only(events, "activity_started", "scoreRisk");

    JsonNode retrieval = only(events, "retrieval", "scoreRisk");
    assertThat(retrieval.path("parent_event_id").asText()).isEqualTo(rating.path("event_id").asText());
    assertThat(retrieval.path("output").path("segments").findValuesAsText("document"))
        .contains("regulations/high-risk-third-countries.md");
    assertThat(retrieval.path("metadata").path("auditrail.retrieval.index_snapshot").asText()).hasSize(64);

    JsonNode call = only(events, "model_call", "scoreRisk");
    assertThat(call.path("actor").path("type").asText()).isEqualTo("agent");
    assertThat(call.path("metadata").path("gen_ai.provider.name").asText()).isEqualTo("offline");
    assertThat(call.path("metadata").path("gen_ai.response.model").asText()).isEqualTo(RuleBasedChatModel.MODEL_ID);
    assertThat(call.path("metadata").path("auditrail.prompt.id").asText()).isEqualTo("kyc-risk-rating");
    assertThat(call.path("metadata").path("auditrail.cost.status").asText()).isEqualTo("unknown");
    assertThat(call.path("metadata").path("auditrail.triggered_by").path("id").asText()).isEqualTo("job-executor");
    String messages = api.get("/api/audit/blobs/" + call.path("input").path("messages").path("content_sha256")
        .asText(), "alice", "alice").text();
    assertThat(messages).contains("Country of residence (ISO 3166 code): KP").contains("high-risk list");
    assertThat(api.get("/api/audit/blobs/" + call.path("input").path("messages").path("content_sha256").asText(),
        "mary", "mary").status()).isEqualTo(403);

    JsonNode decision = only(events, "decision", "scoreRisk");
    assertThat(decision.path("output").path("value").path("riskScore").asInt()).isEqualTo(60);
    assertThat(decision.path("output").path("value").path("riskLevel").asText()).isEqualTo("high");
    assertThat(decision.path("output").path("value").path("riskRationale").asText())
        .isEqualTo("Risk factors: residence in high-risk third country KP. Guidance applied: High-risk third"
            + " countries: Business relationships with customers established or residing in a jurisdiction on the"
            + " high-risk list (for example the Democratic People's Republic of Korea (KP), Iran (IR) and Myanmar (MM))"
            + " require enhanced due diligence: the source of funds and of wealth must be established, senior"
            + " management must approve the relationship, and the relationship must be monitored more often.");
    // Only the declared ai.output-fields became variables, and the answer had no other field.
    assertThat(decision.path("metadata").path("auditrail.output.ignored_fields").toString()).isEqualTo("[]");
    assertThat(only(events, "gateway_decision", "riskLevel").path("output").path("target_activity_id").asText())
        .isEqualTo("reviewKyc");
    assertThat(only(events, "task_completed", "reviewKyc").path("actor").path("id").asText()).isEqualTo("mary");
    assertThat(only(events, "activity_completed", "openAccount").path("outcome").asText()).isEqualTo("success");
    assertThat(only(events, "human_review", "reviewKyc").path("output").path("action").asText()).isEqualTo("approve");

    JsonNode stats = api.get("/api/audit/reviews/stats?processDefinitionKey=kycCheck", "alice", "alice").json(200);
    JsonNode kycReview = stats.path("tasks").get(0);
    assertThat(kycReview.path("task").asText()).isEqualTo("reviewKyc");
    assertThat(kycReview.path("reviews").asInt()).isGreaterThanOrEqualTo(1);
    assertThat(kycReview.path("reviews").asInt()).isEqualTo(kycReview.path("approved_unchanged").asInt()
        + kycReview.path("edited").asInt() + kycReview.path("rejected").asInt() + kycReview.path("escalated").asInt());
    assertThat(api.get("/api/audit/reviews/stats?from=yesterday", "alice", "alice").json(400).path("detail")
        .asText()).isEqualTo("'from' must be an ISO-8601 UTC instant such as 2026-01-12T00:00:00Z, but was: yesterday");
    assertThat(api.get("/api/audit/reviews/stats", "mary", "mary").status()).isEqualTo(403);
  }

  @Test
  void invoiceDraftLooksTheVendorUpAndTheReviewerDecides() throws Exception {
    String caseId = api.send("POST", "/engine-rest/process-definition/key/invoiceApproval/start", "demo", "demo",
        "{\"businessKey\":\"INV-AI-1\",\"variables\":{\"vendor\":{\"value\":\"Sunrise Catering BV\"},"
            + "\"invoiceNumber\":{\"value\":\"INV-2026-000042\"},\"amount\":{\"value\":18400,\"type\":\"Long\"}}}")
        .json(200).path("id").asText();
    JsonNode task = api.awaitTask(caseId, "mary", "mary");
    assertThat(task.path("taskDefinitionKey").asText()).isEqualTo("approveInvoice");
    JsonNode form = api.get("/engine-rest/task/" + task.path("id").asText() + "/form-variables", "mary", "mary")
        .json(200);
    assertThat(form.path("aiRecommendation").path("value").asText()).isEqualTo("reject");
    assertThat(form.path("aiDraftReason").path("value").asText())
        .isEqualTo("Do not pay yet: risk flag: bank account changed 3 days before the invoice.");
    api.send("POST", "/engine-rest/task/" + task.path("id").asText() + "/complete", "mary", "mary",
        "{\"variables\":{\"approved\":{\"value\":false},"
            + "\"approvalReason\":{\"value\":\"Bank account change not confirmed by the vendor\"}}}").status(204);

    List<JsonNode> events = events(api.get("/api/audit/traces/" + caseId, "alice", "alice").json(200));
    List<JsonNode> calls = events.stream().filter(e -> e.path("event_type").asText().equals("model_call")).toList();
    assertThat(calls).hasSize(2);
    assertThat(calls.get(0).path("output").path("tool_calls").get(0).path("name").asText()).isEqualTo("lookupVendor");
    JsonNode toolCall = only(events, "tool_call", "draftApproval");
    assertThat(toolCall.path("metadata").path("auditrail.tool.version").asText()).isEqualTo("1.0.0");
    assertThat(toolCall.path("snapshot").path("ai").path("tools").get(0).path("name").asText())
        .isEqualTo("lookupVendor");
    assertThat(api.get("/api/audit/blobs/" + only(events, "tool_result", "draftApproval").path("output")
        .path("result").path("content_sha256").asText(), "alice", "alice").text())
        .contains("\"bankDetailsVerified\":true").contains("bank account changed");
    assertThat(only(events, "decision", "draftApproval").path("output").path("value").path("aiRecommendation")
        .asText()).isEqualTo("reject");
    assertThat(only(events, "task_completed", "approveInvoice").path("output").path("variables")
        .path("approvalReason").path("value").asText()).isEqualTo("Bank account change not confirmed by the vendor");
    assertThat(only(events, "activity_completed", "notifyVendor").path("outcome").asText()).isEqualTo("success");
  }
}
