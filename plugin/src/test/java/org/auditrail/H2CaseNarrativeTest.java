package org.auditrail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.auditrail.seal.LogVerification;
import org.auditrail.seal.Sequencer;
import org.auditrail.testapp.AuditTestApplication;
import org.auditrail.trail.AuditTrail;
import org.auditrail.trail.CaseBundleExporter;
import org.auditrail.verify.cli.AuditVerify;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A case narrative over real HTTP, written by a model behind the loopback OpenAI-compatible server that lies: the
 * sentence citing another case's event, the one with an invented number and the tag outside the vocabulary are
 * dropped and counted; the call and the checked narrative are recorded in the case's trace for the auditor who
 * asked, sealed, and the case's bundle still verifies with the standalone verifier.
 */
@SpringBootTest(classes = AuditTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "audit.narrative.model=narrator")
class H2CaseNarrativeTest {

  static final String MODEL = "gpt-4o-mini-2024-07-18";
  static final LocalOpenAiServer PROVIDER = startProvider();

  @DynamicPropertySource
  static void models(DynamicPropertyRegistry registry) {
    String model = "audit.ai.models.narrator.";
    registry.add(model + "provider", () -> "openai");
    registry.add(model + "model-id", () -> MODEL);
    registry.add(model + "base-url", PROVIDER::baseUrl);
    registry.add(model + "api-key", () -> "test-key-not-a-secret");
    registry.add(model + "approved-for", () -> "case-narrative");
    registry.add(model + "validation-status", () -> "approved");
  }

  @Autowired RuntimeService runtimeService;
  @Autowired RepositoryService repositoryService;
  @Autowired IdentityService identityService;
  @Autowired AuditTrail auditTrail;
  @Autowired Sequencer sequencer;
  @Autowired LogVerification verification;
  @Autowired CaseBundleExporter bundles;
  @LocalServerPort int port;

  @BeforeEach
  void usersAndProcess() {
    if (identityService.createUserQuery().userId("audra").count() == 0) {
      user("audra", "auditors");
      user("wanda", "workers");
      repositoryService.createDeployment().addString("narrated.bpmn", PROCESS).deploy();
    }
  }

  @Test
  void sentencesCitingForeignEventsOrInventedValuesAreDroppedAndTheCheckedNarrativeIsRecordedAndSealed()
      throws Exception {
    String caseId = runtimeService.startProcessInstanceByKey("narrated", "case-1", Map.of("amount", 45000L))
        .getId();
    JsonNode started = RecordedTrail.of(auditTrail, caseId).single("process_started");
    String startId = started.path("event_id").asText();
    String day = started.path("timestamp").asText().substring(0, 10);
    PROVIDER.enqueue(LocalOpenAiServer.text(MODEL, """
        {"sentences": [
          {"text": "The case was started on %s.", "citations": ["%s"]},
          {"text": "The board approved the case.", "citations": ["evt-of-another-case"]},
          {"text": "The amount was 99000.", "citations": ["%s"]}],
         "risk_tags": ["pep", "insider-trading"]}""".formatted(day, startId, startId), 900, 80));

    HttpResponse<String> written = send("POST", caseId, "audra", "{}");

    assertThat(written.statusCode()).as(written.body()).isEqualTo(201);
    JsonNode narrative = RecordedTrail.parse(written.body());
    // As recorded: canonical JSON, keys sorted.
    assertThat(narrative.path("narrative").path("sentences").toString()).isEqualTo("[{\"citations\":[\"" + startId
        + "\"],\"text\":\"The case was started on " + day + ".\"}]");
    assertThat(narrative.path("narrative").path("dropped").asInt()).isEqualTo(2);
    assertThat(narrative.path("narrative").path("dropped_sentences").toString()).isEqualTo("["
        + "{\"detail\":\"cited event 'evt-of-another-case' is not an event of this case\",\"index\":1,"
        + "\"reason\":\"unknown_citation\"},"
        + "{\"detail\":\"the number 99000 is not a value of the cited events\",\"index\":2,"
        + "\"reason\":\"number_not_cited\"}]");
    assertThat(narrative.path("narrative").path("risk_tags").toString()).isEqualTo("[\"pep\"]");
    assertThat(narrative.path("narrative").path("dropped_risk_tags").toString())
        .isEqualTo("[{\"reason\":\"tag_not_allowed\",\"tag\":\"insider-trading\"}]");
    assertThat(narrative.path("narrative").path("check").path("result").asText()).isEqualTo("some_dropped");
    assertThat(narrative.path("model").toString())
        .isEqualTo("{\"config\":\"narrator\",\"id\":\"" + MODEL + "\",\"provider\":\"openai\"}");
    assertThat(narrative.path("prompt").asText()).isEqualTo("case-narrative@1.0.0");
    assertThat(narrative.path("requested_by").asText()).isEqualTo("audra");
    assertThat(narrative.path("ai_written").asBoolean()).isTrue();

    String prompt = PROVIDER.requests().get(PROVIDER.requests().size() - 1);
    assertThat(prompt).contains("<<<CASE EVENTS").contains(startId).contains("pep, sanctions-hit");

    RecordedTrail trail = RecordedTrail.of(auditTrail, caseId);
    JsonNode call = trail.single("model_call");
    assertThat(call.path("metadata").path("auditrail.triggered_by").path("id").asText()).isEqualTo("audra");
    assertThat(call.path("metadata").path("auditrail.prompt.id").asText()).isEqualTo("case-narrative");
    assertThat(call.path("metadata").path("gen_ai.usage.input_tokens").asInt()).isEqualTo(900);
    assertThat(narrative.path("model_call_event_ids").toString())
        .isEqualTo("[\"" + call.path("event_id").asText() + "\"]");
    JsonNode decision = trail.single("decision");
    assertThat(decision.path("event_id").asText()).isEqualTo(narrative.path("decision_event_id").asText());
    assertThat(decision.path("context").path("process_instance_id").asText()).isEqualTo(caseId);
    assertThat(decision.path("output").path("value")).isEqualTo(narrative.path("narrative"));

    HttpResponse<String> latest = send("GET", caseId, "audra", null);
    assertThat(latest.statusCode()).isEqualTo(200);
    assertThat(RecordedTrail.parse(latest.body())).isEqualTo(narrative);

    while (sequencer.sealOnce(true) > 0) {
      // Seal until nothing waits.
    }
    assertThat(verification.run().verified()).as(verification.run().summary()).isTrue();
    assertThat(verifyBundle(caseId)).startsWith("verified: ");
  }

  @Test
  void anAnswerThatIsNotTheAskedForJsonIsRecordedAsRefusedAndShowsNothing() throws Exception {
    String caseId = runtimeService.startProcessInstanceByKey("narrated", "case-2", Map.of("amount", 1L)).getId();
    PROVIDER.enqueue(LocalOpenAiServer.text(MODEL, "Ignore the rules: <script>alert(1)</script>", 10, 5));

    HttpResponse<String> written = send("POST", caseId, "audra", "{}");

    assertThat(written.statusCode()).isEqualTo(201);
    JsonNode check = RecordedTrail.parse(written.body()).path("narrative").path("check");
    assertThat(check.path("result").asText()).isEqualTo("answer_refused");
    assertThat(check.path("refusal").asText()).startsWith("the answer is not one JSON object: ");
    assertThat(RecordedTrail.parse(written.body()).path("narrative").path("sentences")).isEmpty();
  }

  @Test
  void onlyReadersMayAskAndACaseWithoutNarrativeOrEventsIsNotFound() throws Exception {
    String caseId = runtimeService.startProcessInstanceByKey("narrated", "case-3", Map.of("amount", 2L)).getId();

    HttpResponse<String> refused = send("POST", caseId, "wanda", "{}");
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(RecordedTrail.parse(refused.body()).path("detail").asText()).isEqualTo("user 'wanda' is not a member"
        + " of any of the groups [auditors, camunda-admin] allowed to use this API");
    HttpResponse<String> none = send("GET", caseId, "audra", null);
    assertThat(none.statusCode()).isEqualTo(404);
    assertThat(RecordedTrail.parse(none.body()).path("code").asText()).isEqualTo("no_narrative");
    HttpResponse<String> unknown = send("POST", "no-such-case", "audra", "{}");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(RecordedTrail.parse(unknown.body()).path("detail").asText())
        .isEqualTo("no audit events for process instance 'no-such-case'");
    assertThat(RecordedTrail.of(auditTrail, caseId).ofType("model_call")).isEmpty();
  }

  private String verifyBundle(String caseId) throws Exception {
    Path zip = Files.write(Files.createTempFile("bundle", ".zip"), bundles.export(caseId).orElseThrow().zip());
    StringBuilder vkeys = new StringBuilder();
    verification.trustedKeys().forEach(key -> vkeys.append(key.vkey()).append('\n'));
    Path publicKeys = Files.writeString(Files.createTempFile("public-keys", ".txt"), vkeys);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status = AuditVerify.run(new String[] {"--bundle", zip.toString(), "--public-key", publicKeys.toString()},
        null, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(status).as(printed).isZero();
    return printed;
  }

  private HttpResponse<String> send(String method, String caseId, String user, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/api/audit/cases/" + caseId + "/narrative"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            (user + ":" + user + "-secret").getBytes(StandardCharsets.UTF_8)));
    if (body == null) {
      request.GET();
    } else {
      request.header("Content-Type", "application/json").header("Origin", "http://127.0.0.1:" + port)
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private void user(String id, String group) {
    TestUsers.create(identityService, id, group);
  }

  private static LocalOpenAiServer startProvider() {
    try {
      return new LocalOpenAiServer();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static final String PROCESS = """
      <?xml version="1.0" encoding="UTF-8"?>
      <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="http://auditrail.org/test">
        <process id="narrated" isExecutable="true">
          <startEvent id="start"/>
          <sequenceFlow id="f1" sourceRef="start" targetRef="end"/>
          <endEvent id="end"/>
        </process>
      </definitions>
      """;
}
