package org.auditrail.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.auditrail.store.ContentBlob;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The one web layer over real HTTP: the same problem details from every API (audit, privacy, reports and the
 * sample's own demo API), cross-site and non-JSON state changes refused before anything happens, stored content
 * served as a download only, and out-of-range input refused with the parameter named.
 */
class WebLayerHttpTest extends RunningSampleApplication {

  /** When this test began (a new instance per test): the shared application holds more than a page of older calls. */
  private final java.time.Instant started = java.time.Instant.now().minusSeconds(1);

  private static final String EVIL = "http://evil.example";
  private static final String DEMO_CASES = "/api/demo/cases";
  private static final String ONE_CASE = "{\"process\":\"kycCheck\",\"count\":1}";

  @Autowired HistoryService historyService;
  @Autowired RepositoryService repositoryService;

  @Test
  void everyApiAnswersEveryErrorWithTheSameProblemFields() throws Exception {
    String running = subjectOfARunningCase("Olga Running").split(" ")[0];
    String ended = subjectOfARunningCase("Otto Ended");
    // Ended by an administrator once its AI task has run (deleting it under the running job would conflict).
    api.awaitTask(ended.split(" ")[1], "demo", "demo");
    api.send("DELETE", "/engine-rest/process-instance/" + ended.split(" ")[1], "demo", "demo", null).status(204);
    String endedSubject = ended.split(" ")[0];
    api.send("POST", "/api/privacy/subjects/" + endedSubject + "/erase", "petra", "petra", "").status(200);

    assertProblem(api.get("/api/audit/events?size=0", "alice", "alice"), 400, "invalid_parameter", "size",
        "'size' must be between 1 and 500, but was: 0", "/api/audit/events");
    assertProblem(api.get("/api/audit/events", null, null), 401, "unauthenticated", null,
        "this API needs HTTP Basic credentials of a Camunda user or a session of Camunda's webapps",
        "/api/audit/events");
    assertProblem(api.get("/api/audit/traces/nothing-here", "alice", "alice"), 404, "unknown_case",
        "processInstanceId", "no audit events for process instance 'nothing-here'", "/api/audit/traces/nothing-here");
    assertProblem(api.get("/api/privacy/subjects/" + running + "/export", "mary", "mary"), 403, "forbidden", null,
        "user 'mary' is not a member of any of the groups [privacy, camunda-admin] allowed to use this API",
        "/api/privacy/subjects/" + running + "/export");
    assertProblem(api.get("/api/privacy/subjects/subject_0000000000000001/export", "petra", "petra"), 404,
        "not_found", null, "no data subject 'subject_0000000000000001' is known; nothing was erased or exported",
        "/api/privacy/subjects/subject_0000000000000001/export");
    SampleApi.Reply conflict = api.send("POST", "/api/privacy/subjects/" + running + "/erase", "petra", "petra", "");
    assertThat(conflict.json(409).path("detail").asText()).startsWith("data subject '" + running
        + "' has running cases [");
    assertProblem(conflict, 409, "running_cases", "subjectId", conflict.json(409).path("detail").asText(),
        "/api/privacy/subjects/" + running + "/erase");
    assertProblem(api.send("POST", "/api/privacy/subjects/" + endedSubject + "/erase", "petra", "petra", ""), 410,
        "erased", null, "data subject '" + endedSubject + "' was erased; its personal data can no longer be read",
        "/api/privacy/subjects/" + endedSubject + "/erase");
    assertProblem(api.get("/api/reports/compliance/1969-12.pdf", "carol", "carol"), 400, "invalid_parameter",
        "month", "the month must be between 1970-01 and 9999-12, but was: 1969-12",
        "/api/reports/compliance/1969-12.pdf");
    assertProblem(api.get("/api/reports/compliance/2026-01.pdf", "mary", "mary"), 403, "forbidden", null,
        "user 'mary' is not a member of any of the groups [compliance, camunda-admin] allowed to use this API",
        "/api/reports/compliance/2026-01.pdf");
    assertProblem(api.send("POST", DEMO_CASES, "demo", "demo", "{\"process\":\"kycCheck\",\"count\":0}"), 400,
        "invalid_parameter", "count", "'count' must be between 1 and 500, but was: 0", DEMO_CASES);
    assertProblem(api.send("POST", DEMO_CASES, "mary", "mary", ONE_CASE), 403, "forbidden", null,
        "user 'mary' is not a member of any of the groups [camunda-admin] allowed to use this API", DEMO_CASES);
    assertProblem(api.send("POST", DEMO_CASES, null, null, ONE_CASE), 401, "unauthenticated", null,
        "this API needs HTTP Basic credentials of a Camunda user or a session of Camunda's webapps", DEMO_CASES);
  }

  @Test
  void pathParametersDoNotSlipPastTheGuard() throws Exception {
    for (String path : List.of("/api/audit;x=1/events", "/api/audit/events;x=1", "/api;x=1/audit/events",
        "/api/audit/%2e/events", "/api/privacy;x=1/subjects/subject_0000000000000001/export")) {
      SampleApi.Reply reply = api.get(path, null, null);
      assertThat(reply.status()).as(path).isEqualTo(401);
      assertThat(reply.json(401).path("code").asText()).as(path).isEqualTo("unauthenticated");
    }
    assertThat(api.get("/api/audit;x=1/events", "mary", "mary").status()).isEqualTo(403);
  }

  @Test
  void aCrossSiteEraseIsRefusedAndErasesNothing() throws Exception {
    String subject = subjectOfARunningCase("Clara Crosssite").split(" ")[0];
    String erase = "/api/privacy/subjects/" + subject + "/erase";

    assertProblem(api.send("POST", erase, "petra", "petra", json("{}"), "Content-Type", "application/json",
            "Origin", EVIL), 403, "cross_site", "Origin", "a state-changing request must come from this"
            + " application's own origin " + api.origin() + ", but Origin was: " + EVIL, erase);
    // A plain HTML form posted from another site, with the browser's cached credentials.
    assertProblem(api.send("POST", erase, "petra", "petra", json("confirm=yes"), "Content-Type",
            "application/x-www-form-urlencoded", "Origin", EVIL, "Sec-Fetch-Site", "cross-site"), 403,
        "cross_site", "Sec-Fetch-Site", "a state-changing request must not come from another site, but"
            + " Sec-Fetch-Site was: cross-site", erase);
    assertProblem(api.send("POST", erase, "petra", "petra", json("{}"), "Content-Type", "application/json",
            "Origin", "null"), 403, "cross_site", "Origin", "a state-changing request must come from this"
            + " application's own origin " + api.origin() + ", but Origin was: null", erase);

    assertThat(api.get("/api/privacy/subjects/" + subject + "/export", "petra", "petra").status()).isEqualTo(200);
    List<JsonNode> refused = accessesOf("petra", erase);
    assertThat(refused).hasSize(3);
    assertThat(refused).allSatisfy(event -> assertThat(event.path("output").toString())
        .isEqualTo("{\"status\":403}"));
  }

  @Test
  void aCrossSiteReportGenerationIsRefusedAndGeneratesNothing() throws Exception {
    String generate = "/reports/compliance/2001-01/generate";

    assertProblem(api.send("POST", generate, "carol", "carol", json("{}"), "Content-Type", "application/json",
            "Sec-Fetch-Site", "cross-site"), 403, "cross_site", "Sec-Fetch-Site",
        "a state-changing request must not come from another site, but Sec-Fetch-Site was: cross-site", generate);
    assertProblem(api.send("POST", generate, "carol", "carol", json(""), "Content-Type", "text/plain"), 415,
        "unsupported_media_type", "Content-Type", "a state-changing request must be sent as application/json, but"
            + " Content-Type was: text/plain", generate);

    Thread.sleep(500); // a job, had one been queued, would have started by now
    assertThat(api.get("/api/audit/traces/compliance-report-2001-01", "alice", "alice").status()).isEqualTo(404);
  }

  @Test
  void aCrossSiteOrNonJsonDemoCallStartsNoCaseButASameOriginOneDoes() throws Exception {
    long before = startedCases();

    assertProblem(api.send("POST", DEMO_CASES, "demo", "demo", json(ONE_CASE), "Content-Type", "application/json",
            "Origin", "http://localhost:1"), 403, "cross_site", "Origin", "a state-changing request must come from"
            + " this application's own origin " + api.origin() + ", but Origin was: http://localhost:1", DEMO_CASES);
    assertProblem(api.send("POST", DEMO_CASES, "demo", "demo", json(ONE_CASE)), 415, "unsupported_media_type",
        "Content-Type", "a state-changing request must be sent as application/json, but Content-Type was: null",
        DEMO_CASES);
    assertThat(startedCases()).isEqualTo(before);

    api.send("POST", DEMO_CASES, "demo", "demo", json(ONE_CASE), "Content-Type", "application/json; charset=utf-8",
        "Origin", api.origin(), "Sec-Fetch-Site", "same-origin").status(201);
    assertThat(startedCases()).isEqualTo(before + 1);
  }

  @Test
  void aCrossSiteFormCannotDeployThroughTheEngineRestApi() throws Exception {
    String boundary = "----auditrail-cross-site";
    String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\n"
        + "planted\r\n--" + boundary + "--\r\n";
    String create = "/engine-rest/deployment/create";

    assertProblem(api.send("POST", create, "demo", "demo", json(multipart), "Content-Type",
            "multipart/form-data; boundary=" + boundary, "Origin", EVIL, "Sec-Fetch-Site", "cross-site"), 403,
        "cross_site", "Sec-Fetch-Site", "a state-changing request must not come from another site, but"
            + " Sec-Fetch-Site was: cross-site", create);
    assertProblem(api.send("POST", create, "demo", "demo", json(multipart), "Content-Type",
            "multipart/form-data; boundary=" + boundary, "Origin", EVIL), 403, "cross_site", "Origin",
        "a state-changing request must come from this application's own origin " + api.origin()
            + ", but Origin was: " + EVIL, create);
    assertThat(repositoryService.createDeploymentQuery().deploymentName("planted").count()).isZero();
    // Reads and clients that are no browser (no Origin, no Sec-Fetch-Site) are untouched.
    assertThat(api.get("/engine-rest/deployment?name=planted", "demo", "demo").status()).isEqualTo(200);
  }

  @Test
  void storedContentIsADownloadThatNoBrowserRenders() throws Exception {
    byte[] form = ("<!DOCTYPE html><html><body><form id=\"approve\"><input name=\"amount\"/></form>"
        + "<script>fetch('/api/privacy/subjects/x/erase', {method: 'POST'})</script></body></html>")
        .getBytes(StandardCharsets.UTF_8);
    String boundary = "----auditrail-web-test";
    String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\n"
        + "html-form\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"approve.html\";"
        + " filename=\"approve.html\"\r\nContent-Type: text/html\r\n\r\n" + new String(form, StandardCharsets.UTF_8)
        + "\r\n--" + boundary + "--\r\n";
    api.send("POST", "/engine-rest/deployment/create", "demo", "demo", json(multipart), "Content-Type",
        "multipart/form-data; boundary=" + boundary).status(200);
    String sha256 = ContentBlob.sha256Hex(form);

    SampleApi.Reply blob = api.get("/api/audit/blobs/" + sha256, "alice", "alice");

    blob.status(200);
    assertThat(blob.body()).isEqualTo(form);
    assertThat(blob.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
    assertThat(blob.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"" + sha256 + "\"");
    assertThat(blob.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(blob.headers().firstValue("Content-Security-Policy")).hasValue("sandbox");
    assertThat(blob.headers().firstValue("X-Content-Media-Type")).hasValue("text/html");
  }

  @Test
  void outOfRangeInputIsRefusedWithTheParameterNamed() throws Exception {
    assertInvalid(api.get("/api/reports/compliance/-999999999-01.pdf", "carol", "carol"), "month",
        "the month must be between 1970-01 and 9999-12, but was: -999999999-01");
    assertInvalid(api.get("/api/reports/compliance/99999-01.html", "carol", "carol"), "month",
        "the month must be given as yyyy-MM, such as 2026-10, but was: 99999-01");
    assertInvalid(api.send("POST", "/reports/compliance/-999999999-01/generate", "carol", "carol", "{}"), "month",
        "the month must be between 1970-01 and 9999-12, but was: -999999999-01");
    assertInvalid(api.get("/api/audit/events?size=-1", "alice", "alice"), "size",
        "'size' must be between 1 and 500, but was: -1");
    assertInvalid(api.get("/api/audit/events?size=501", "alice", "alice"), "size",
        "'size' must be between 1 and 500, but was: 501");
    assertInvalid(api.get("/api/audit/events?page=-1", "alice", "alice"), "page",
        "'page' must be between 0 and 2147483647, but was: -1");
    assertInvalid(api.get("/api/audit/events?page=2147483648", "alice", "alice"), "page",
        "'page' must be a whole number, but was: 2147483648");
    assertThat(api.get("/api/audit/events?page=2147483647&size=500", "alice", "alice").json(200)
        .path("events").size()).isZero();
    assertInvalid(api.get("/api/audit/proofs/consistency?from=-5&to=1", "alice", "alice"), "from",
        "'from' must be at least 1 (a consistency proof from size 0 is not defined), but was: -5");

    String oversized = "{\"process\":\"kycCheck\",\"count\":1,\"note\":\"" + "x".repeat(64 * 1024) + "\"}";
    long before = startedCases();
    assertProblem(api.send("POST", DEMO_CASES, "demo", "demo", oversized), 413, "body_too_large", "body",
        "the body must not be larger than 65536 bytes (audit.api.max-body-bytes), but Content-Length was: "
            + oversized.length(), DEMO_CASES);
    // Sent without a length (chunked), the body is cut off while it is read.
    assertProblem(api.send("POST", DEMO_CASES, "demo", "demo",
            BodyPublishers.fromPublisher(BodyPublishers.ofString(oversized)), "Content-Type", "application/json"),
        413, "body_too_large", "body", "the body must not be larger than 65536 bytes (audit.api.max-body-bytes)",
        DEMO_CASES);
    assertThat(startedCases()).isEqualTo(before);
  }

  /** Answers "subjectId processInstanceId" of a new high-risk KYC case that waits for its review. */
  private String subjectOfARunningCase(String customerName) throws Exception {
    String caseId = api.send("POST", "/engine-rest/process-definition/key/kycCheck/start", "demo", "demo",
        "{\"businessKey\":\"KYC-WEB-" + customerName.hashCode() + "\",\"variables\":{"
            + "\"customerNumber\":{\"value\":\"C-" + customerName.hashCode() + "\"},"
            + "\"customerName\":{\"value\":\"" + customerName + "\"},"
            + "\"country\":{\"value\":\"KP\"},\"documentType\":{\"value\":\"passport\"}}}")
        .json(200).path("id").asText();
    JsonNode subject = api.send("POST", "/api/privacy/subjects/lookup", "petra", "petra",
        "{\"value\":\"C-" + customerName.hashCode() + "\"}").json(200);
    assertThat(subject.path("known").asBoolean()).isTrue();
    return subject.path("subject_id").asText() + " " + caseId;
  }

  private List<JsonNode> accessesOf(String user, String path) throws Exception {
    List<JsonNode> accesses = new ArrayList<>();
    for (JsonNode event : SampleApi.events(api.get("/api/audit/events?eventType=audit_api_accessed&actorId=" + user
        + "&size=500&from=" + started, "alice", "alice").json(200))) {
      if (event.path("input").path("path").asText().equals(path)) {
        accesses.add(event);
      }
    }
    return accesses;
  }

  private static void assertInvalid(SampleApi.Reply reply, String parameter, String detail) throws Exception {
    assertProblem(reply, 400, "invalid_parameter", parameter, detail,
        reply.json(400).path("instance").asText());
  }

  /** The exact problem detail: its fields in order, each with its exact value. */
  private static void assertProblem(SampleApi.Reply reply, int status, String code, String parameter,
      String detail, String instance) throws Exception {
    JsonNode problem = reply.json(status);
    assertThat(reply.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    List<String> fields = new ArrayList<>();
    problem.fieldNames().forEachRemaining(fields::add);
    assertThat(fields).containsExactlyElementsOf(parameter == null
        ? List.of("type", "title", "status", "detail", "instance", "code")
        : List.of("type", "title", "status", "detail", "instance", "code", "parameter"));
    assertThat(problem.path("type").asText()).isEqualTo("https://auditrail.org/problems/" + code);
    assertThat(problem.path("title").asText())
        .isEqualTo(Character.toUpperCase(code.charAt(0)) + code.substring(1).replace('_', ' '));
    assertThat(problem.path("status").asInt()).isEqualTo(status);
    assertThat(problem.path("code").asText()).isEqualTo(code);
    assertThat(problem.path("detail").asText()).isEqualTo(detail);
    assertThat(problem.path("instance").asText()).isEqualTo(instance);
    if (parameter != null) {
      assertThat(problem.path("parameter").asText()).isEqualTo(parameter);
    }
  }

  private static BodyPublisher json(String body) {
    return BodyPublishers.ofString(body);
  }

  private long startedCases() {
    return historyService.createHistoricProcessInstanceQuery().count();
  }
}
