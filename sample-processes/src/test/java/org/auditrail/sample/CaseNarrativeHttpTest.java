package org.auditrail.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.auditrail.ai.RuleBasedChatModel;
import org.junit.jupiter.api.Test;

/**
 * The case narrative on a reviewed KYC case over real HTTP: written by the offline responder, every sentence
 * citing the case's events and kept by the check, recorded for the auditor who asked and sealed into the case's
 * evidence; closed to those outside the auditor groups.
 */
class CaseNarrativeHttpTest extends RunningSampleApplication {

  @Test
  void anAuditorGetsACitedNarrativeThatIsRecordedAndSealedWithTheCase() throws Exception {
    String caseId = api.reviewedKycCase("KYC-NARRATIVE-1");
    JsonNode trace = api.get("/api/audit/traces/" + caseId, "alice", "alice").json(200);
    List<String> eventIds = trace.path("events").findValuesAsText("event_id");
    JsonNode started = SampleApi.only(SampleApi.events(trace), "process_started", null);
    JsonNode review = SampleApi.only(SampleApi.events(trace), "human_review", "reviewKyc");

    SampleApi.Reply written = api.send("POST", "/api/audit/cases/" + caseId + "/narrative", "alice", "alice",
        java.net.http.HttpRequest.BodyPublishers.ofString("{}"), "Content-Type", "application/json",
        "Origin", api.origin());

    JsonNode narrative = written.json(201);
    assertThat(narrative.path("ai_written").asBoolean()).isTrue();
    assertThat(narrative.path("model").path("id").asText()).isEqualTo(RuleBasedChatModel.MODEL_ID);
    assertThat(narrative.path("prompt").asText()).isEqualTo("case-narrative@1.0.0");
    assertThat(narrative.path("requested_by").asText()).isEqualTo("alice");
    JsonNode value = narrative.path("narrative");
    assertThat(value.path("check").path("result").asText()).as(value.toString()).isEqualTo("all_kept");
    assertThat(value.path("dropped").asInt()).isZero();
    assertThat(value.path("risk_tags")).isEmpty();
    List<String> texts = value.path("sentences").findValuesAsText("text");
    assertThat(texts).contains("The case was started by demo on "
        + started.path("timestamp").asText().substring(0, 10) + ".");
    assertThat(texts).contains("At reviewKyc the reviewer mary chose approve on the AI draft on "
        + review.path("timestamp").asText().substring(0, 10) + ".");
    List<String> cited = new ArrayList<>();
    value.path("sentences").forEach(sentence -> sentence.path("citations").forEach(id -> cited.add(id.asText())));
    assertThat(eventIds).containsAll(cited);

    JsonNode latest = api.get("/api/audit/cases/" + caseId + "/narrative", "alice", "alice").json(200);
    assertThat(latest.path("decision_event_id").asText()).isEqualTo(narrative.path("decision_event_id").asText());
    String bundle = bundleOnceSealed(caseId);
    assertThat(bundle).contains(narrative.path("decision_event_id").asText())
        .contains(narrative.path("model_call_event_ids").get(0).asText());
  }

  @Test
  void onlyAuditorsMayAskForANarrative() throws Exception {
    String caseId = api.reviewedKycCase("KYC-NARRATIVE-2");
    assertThat(api.send("POST", "/api/audit/cases/" + caseId + "/narrative", "mary", "mary", "{}").json(403)
        .path("detail").asText()).isEqualTo("user 'mary' is not a member of any of the groups [auditors,"
            + " camunda-admin] allowed to use this API");
    assertThat(api.get("/api/audit/cases/" + caseId + "/narrative", "alice", "alice").json(404).path("code")
        .asText()).isEqualTo("no_narrative");
  }

  /** The case's evidence bundle once all its events are sealed, as the text of all its entries. */
  private String bundleOnceSealed(String caseId) throws Exception {
    SampleApi.Reply response = api.get("/api/audit/traces/" + caseId + "/bundle", "alice", "alice");
    for (int attempt = 1; response.status() == 409 && attempt < 50; attempt++) {
      Thread.sleep(200);
      response = api.get("/api/audit/traces/" + caseId + "/bundle", "alice", "alice");
    }
    response.status(200);
    StringBuilder text = new StringBuilder();
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(response.body()))) {
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        text.append(new String(zip.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
      }
    }
    return text.toString();
  }
}
