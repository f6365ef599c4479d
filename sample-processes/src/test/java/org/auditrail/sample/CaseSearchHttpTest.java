package org.auditrail.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The auditor's case search over real HTTP ({@code GET /api/audit/cases}): each filter, paging, bad input refused by
 * name, non-auditors refused; and the same API called with a Camunda webapp session instead of HTTP Basic, as
 * Cockpit's Audit trail tab calls it, which a page of another site cannot make change anything.
 */
class CaseSearchHttpTest extends RunningSampleApplication {

  @Test
  void anAuditorFindsCasesByEachFilterOneRowPerCaseAndPagesThroughThem() throws Exception {
    Instant start = Instant.now();
    String key = "KYC-SEARCH-" + UUID.randomUUID();
    String first = api.reviewedKycCase(key + "-1");
    String second = api.reviewedKycCase(key + "-2");
    List<JsonNode> trace = SampleApi.events(api.get("/api/audit/traces/" + first, "alice", "alice").json(200));
    JsonNode modelCall = trace.stream().filter(e -> e.path("event_type").asText().equals("model_call"))
        .findFirst().orElseThrow();
    String modelId = modelCall.path("snapshot").path("ai").path("model").path("model_id").asText();
    String promptVersion = modelCall.path("metadata").path("auditrail.prompt.version").asText();
    assertThat(modelId).isEqualTo("auditrail-rule-based-responder-v1");
    assertThat(promptVersion).isNotEmpty();

    JsonNode found = search("businessKey=" + key + "-1");
    assertThat(found.path("total").asLong()).isEqualTo(1);
    JsonNode row = found.path("cases").get(0);
    assertThat(row.path("process_instance_id").asText()).isEqualTo(first);
    assertThat(row.path("process_definition_key").asText()).isEqualTo("kycCheck");
    assertThat(row.path("business_key").asText())
        .isEqualTo(SampleApi.only(trace, "process_started", null).path("context").path("business_key").asText());
    assertThat(row.path("event_count").asLong()).isEqualTo(trace.size());
    assertThat(row.path("ai_calls").asLong())
        .isEqualTo(trace.stream().filter(e -> e.path("event_type").asText().equals("model_call")).count())
        .isPositive();
    assertThat(row.path("reviews").asLong()).isEqualTo(1);
    assertThat(row.path("first_event_time").asText()).isEqualTo(Instant.parse(trace.get(0).path("timestamp")
        .asText()).toString());

    String one = "businessKey=" + key + "-1&";
    assertThat(ids(one + "processDefinitionKey=kycCheck")).containsExactly(first);
    assertThat(ids(one + "processDefinitionKey=invoiceApproval")).isEmpty();
    assertThat(ids(one + "from=" + start)).containsExactly(first);
    assertThat(ids(one + "to=" + start)).isEmpty();
    assertThat(ids(one + "eventType=human_review")).containsExactly(first);
    assertThat(ids(one + "eventType=incident_created")).isEmpty();
    assertThat(ids(one + "actorId=mary")).containsExactly(first);
    assertThat(ids(one + "actorId=carol")).isEmpty();
    assertThat(ids(one + "modelId=" + modelId)).containsExactly(first);
    assertThat(ids(one + "modelId=gpt-unknown")).isEmpty();
    assertThat(ids(one + "promptVersion=" + promptVersion)).containsExactly(first);
    assertThat(ids(one + "promptVersion=999")).isEmpty();
    // Criteria met by different events of the case: mary's review and the model's call.
    assertThat(ids(one + "actorId=mary&modelId=" + modelId + "&eventType=model_call")).containsExactly(first);

    String both = "from=" + start + "&processDefinitionKey=kycCheck&actorId=mary&size=1";
    JsonNode firstPage = search(both);
    assertThat(firstPage.path("total").asLong()).isEqualTo(2);
    assertThat(firstPage.path("size").asInt()).isEqualTo(1);
    assertThat(ids(both)).containsExactly(second);
    assertThat(ids(both + "&page=1")).containsExactly(first);
    assertThat(ids(both + "&page=2")).isEmpty();
  }

  @Test
  void badSearchesAreRefusedByNameAndNonAuditorsAreRefused() throws Exception {
    JsonNode type = api.get("/api/audit/cases?eventType=bogus", "alice", "alice").json(400);
    assertThat(type.path("parameter").asText()).isEqualTo("eventType");
    assertThat(type.path("detail").asText()).startsWith("unknown eventType 'bogus'; known event types are [");
    JsonNode from = api.get("/api/audit/cases?from=yesterday", "alice", "alice").json(400);
    assertThat(from.path("parameter").asText()).isEqualTo("from");
    assertThat(from.path("detail").asText())
        .isEqualTo("'from' must be an ISO-8601 UTC instant such as 2026-01-12T00:00:00Z, but was: yesterday");
    JsonNode order = api.get("/api/audit/cases?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", "alice",
        "alice").json(400);
    assertThat(order.path("parameter").asText()).isEqualTo("to");
    JsonNode unknown = api.get("/api/audit/cases?customer=x", "alice", "alice").json(400);
    assertThat(unknown.path("parameter").asText()).isEqualTo("customer");
    assertThat(unknown.path("detail").asText()).isEqualTo("unknown parameter 'customer'; the case search accepts"
        + " [actorId, businessKey, eventType, from, modelId, page, processDefinitionKey, promptVersion, size, to]");
    assertThat(api.get("/api/audit/cases?size=0", "alice", "alice").json(400).path("parameter").asText())
        .isEqualTo("size");
    assertThat(api.get("/api/audit/cases?modelId=", "alice", "alice").json(400).path("parameter").asText())
        .isEqualTo("modelId");

    assertThat(api.get("/api/audit/cases", "mary", "mary").json(403).path("detail").asText()).isEqualTo(
        "user 'mary' is not a member of any of the groups [auditors, camunda-admin] allowed to use this API");
    assertThat(api.get("/api/audit/cases", null, null).status()).isEqualTo(401);
  }

  @Test
  void aWebappSessionReadsTheApiButAPageOfAnotherSiteCannotChangeAnythingWithIt() throws Exception {
    String key = "KYC-SESSION-" + UUID.randomUUID();
    String caseId = api.reviewedKycCase(key);
    // demo's calls of this test only: the whole suite makes more than a page of them.
    java.time.Instant since = java.time.Instant.now().minusSeconds(1);
    Webapp demo = new Webapp();
    assertThat(demo.login("demo", "demo", "cockpit")).isEqualTo("200");
    HttpResponse<String> read = demo.send("GET", "/api/audit/cases?businessKey=" + key, null);
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(SampleApi.JSON.readTree(read.body()).path("cases").get(0).path("process_instance_id").asText())
        .isEqualTo(caseId);
    assertThat(awaitQueriesOfDemoSince(since, "businessKey=" + key)).contains("businessKey=" + key);

    HttpResponse<String> crossSite = demo.send("POST", "/api/audit/cases", "http://evil.example");
    assertThat(crossSite.statusCode()).isEqualTo(403);
    JsonNode problem = SampleApi.JSON.readTree(crossSite.body());
    assertThat(problem.path("code").asText()).isEqualTo("cross_site");
    assertThat(problem.path("detail").asText()).isEqualTo("a state-changing request must come from this"
        + " application's own origin " + api.origin() + ", but Origin was: http://evil.example");

    // mary may use Tasklist, not Cockpit: her Tasklist session is a webapp session all the same.
    Webapp mary = new Webapp();
    assertThat(mary.login("mary", "mary", "tasklist")).isEqualTo("200");
    HttpResponse<String> refused = mary.send("GET", "/api/audit/cases?businessKey=" + key, null);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(SampleApi.JSON.readTree(refused.body()).path("detail").asText()).isEqualTo(
        "user 'mary' is not a member of any of the groups [auditors, camunda-admin] allowed to use this API");
  }

  /** The queries of demo's API calls since the instant, once the one expected is recorded (written detached). */
  private List<String> awaitQueriesOfDemoSince(java.time.Instant since, String expected) throws Exception {
    List<String> queries = List.of();
    for (int attempt = 0; attempt < 50 && !queries.contains(expected); attempt++) {
      if (attempt > 0) {
        Thread.sleep(200);
      }
      queries = api.get("/api/audit/events?eventType=audit_api_accessed&actorId=demo&size=500&from=" + since,
          "alice", "alice").json(200).path("events").findValuesAsText("query");
    }
    return queries;
  }

  private JsonNode search(String query) throws Exception {
    return api.get("/api/audit/cases?" + query, "alice", "alice").json(200);
  }

  private List<String> ids(String query) throws Exception {
    return search(query).path("cases").findValuesAsText("process_instance_id");
  }

  /** A browser's session with the webapps: cookies kept, logged in through the webapps' login. */
  private final class Webapp {

    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .cookieHandler(cookies).build();

    /** Answers the login's status, and its body where it failed. */
    String login(String user, String password, String app) throws Exception {
      http.send(HttpRequest.newBuilder(URI.create(api.origin() + "/camunda/app/" + app + "/default/")).build(),
          HttpResponse.BodyHandlers.discarding());
      String token = cookies.getCookieStore().getCookies().stream()
          .filter(cookie -> cookie.getName().equals("XSRF-TOKEN")).map(HttpCookie::getValue).findFirst()
          .orElseThrow();
      String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
          + URLEncoder.encode(password, StandardCharsets.UTF_8);
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(api.origin()
                  + "/camunda/api/admin/auth/user/default/login/" + app))
              .POST(HttpRequest.BodyPublishers.ofString(form))
              .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", token).build(),
          HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? "200" : response.statusCode() + " " + response.body();
    }

    /** A request with the session's cookie and no credentials; a POST is JSON, from {@code origin}. */
    HttpResponse<String> send(String method, String path, String origin) throws Exception {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.origin() + path));
      if (method.equals("POST")) {
        request.POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json")
            .header("Origin", origin);
      }
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
  }
}
