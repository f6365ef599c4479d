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
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reads of case data through the engine's REST API and Cockpit, and failed logins at the engine API and the
 * webapps' login, over real HTTP: each is a {@code data_accessed} or {@code authentication_failed} event, and a
 * burst of failed logins from one address is aggregated after {@code audit.access.failed-login-burst}.
 */
class CaseDataAccessHttpTest extends RunningSampleApplication {

  /** When this test began (a new instance per test): the shared application holds more than a page of older calls. */
  private final java.time.Instant started = java.time.Instant.now().minusSeconds(1);

  private static final String IPV6_LOOPBACK = "0:0:0:0:0:0:0:1";

  @Test
  void aHistoryReadThroughTheEngineRestApiIsRecordedWithUserPathQueryAndCase() throws Exception {
    String caseId = startedCase("KYC-READ-1");

    api.get("/engine-rest/history/variable-instance?processInstanceId=" + caseId + "&variableName=country",
        "demo", "demo").status(200);

    JsonNode read = onlyRead("demo", "/engine-rest/history/variable-instance", caseId);
    assertThat(read.path("input").path("method").asText()).isEqualTo("GET");
    assertThat(read.path("input").path("query").asText())
        .isEqualTo("processInstanceId=" + caseId + "&variableName=country");
    assertThat(read.path("input").path("attribution").asText()).isEqualTo("query");
    assertThat(read.path("context").path("process_instance_id").asText()).isEqualTo(caseId);
    assertThat(read.path("output").toString()).isEqualTo("{\"status\":200}");
    assertThat(read.path("actor").path("id").asText()).isEqualTo("demo");
  }

  @Test
  void aPersonalValueInAVariableFilterIsNotRecordedInClear() throws Exception {
    api.get("/engine-rest/history/variable-instance?variableValues=customerName_eq_Olga%20Ivanova", "demo", "demo")
        .status(200);

    List<JsonNode> reads = reads("demo", "/engine-rest/history/variable-instance").stream()
        .filter(event -> event.path("input").path("query").asText().startsWith("variableValues=")).toList();
    assertThat(reads).hasSize(1);
    assertThat(reads.get(0).path("input").path("query").asText())
        .isEqualTo("variableValues=customerName_eq_[personal]");
    assertThat(reads.get(0).toString()).doesNotContain("Olga");
  }

  @Test
  void cockpitsReadOfACaseIsRecordedAndItsFailedLoginToo() throws Exception {
    String caseId = startedCase("KYC-READ-2");
    Webapp cockpit = new Webapp();
    assertThat(cockpit.login("eve-" + caseId, "wrong")).isEqualTo(401);
    assertThat(cockpit.login("demo", "demo")).isEqualTo(200);

    assertThat(cockpit.get("/camunda/api/engine/engine/default/history/process-instance/" + caseId))
        .isEqualTo(200);

    JsonNode read = onlyRead("demo", "/camunda/api/engine/engine/default/history/process-instance/" + caseId,
        caseId);
    assertThat(read.path("input").path("attribution").asText()).isEqualTo("path");
    JsonNode failure = onlyFailure("eve-" + caseId);
    assertThat(failure.path("input").path("path").asText())
        .isEqualTo("/camunda/api/admin/auth/user/default/login/cockpit");
    assertThat(failure.path("input").path("address").asText()).isEqualTo("127.0.0.1");
  }

  @Test
  void aFailedBasicLoginAtTheEngineRestApiIsRecordedWithUserAddressAndPath() throws Exception {
    assertThat(api.get("/engine-rest/task", "mallet", "guess").status()).isEqualTo(401);

    JsonNode failure = onlyFailure("mallet");
    assertThat(failure.path("input").toString()).isEqualTo("{\"address\":\"127.0.0.1\",\"method\":\"GET\","
        + "\"path\":\"/engine-rest/task\",\"user_id\":\"mallet\"}");
    assertThat(failure.path("actor").path("type").asText()).isEqualTo("system");
    assertThat(failure.path("outcome").asText()).isEqualTo("error");
  }

  @Test
  void aBurstOfFiftyFailedLoginsFromOneAddressGivesTheBurstOfSingleEventsAndOneAggregate() throws Exception {
    // From ::1, an address no other test uses, so that their failures do not count in this window.
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    for (int attempt = 0; attempt < 50; attempt++) {
      HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create("http://[::1]:" + port
              + "/engine-rest/task")).header("Authorization", basic("burst-" + attempt, "guess")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(reply.statusCode()).isEqualTo(401);
    }

    List<JsonNode> aggregates = List.of();
    for (int poll = 0; poll < 50 && aggregates.isEmpty(); poll++) {
      Thread.sleep(200);
      aggregates = failures().stream()
          .filter(event -> event.path("input").path("address").asText().equals(IPV6_LOOPBACK))
          .filter(event -> event.path("input").has("user_ids")).toList();
    }
    List<JsonNode> fromThere = failures().stream()
        .filter(event -> event.path("input").path("address").asText().equals(IPV6_LOOPBACK)).toList();
    assertThat(fromThere.stream().filter(event -> event.path("input").has("user_id")).map(event -> event
        .path("input").path("user_id").asText())).containsExactly("burst-0", "burst-1", "burst-2", "burst-3",
        "burst-4", "burst-5", "burst-6", "burst-7", "burst-8", "burst-9");
    assertThat(aggregates).hasSize(1);
    assertThat(aggregates.get(0).path("output").path("count").asInt()).isEqualTo(40);
    assertThat(aggregates.get(0).path("input").path("paths").toString()).isEqualTo("[\"/engine-rest/task\"]");
    assertThat(fromThere).hasSize(11);
  }

  private String startedCase(String businessKey) throws Exception {
    return api.send("POST", "/engine-rest/process-definition/key/kycCheck/start", "demo", "demo",
        "{\"businessKey\":\"" + businessKey + "\",\"variables\":{\"customerNumber\":{\"value\":\"C-3001\"},"
            + "\"customerName\":{\"value\":\"Olga Ivanova\"},"
            + "\"country\":{\"value\":\"DE\"},\"documentType\":{\"value\":\"passport\"}}}").json(200).path("id")
        .asText();
  }

  private JsonNode onlyRead(String user, String path, String caseId) throws Exception {
    List<JsonNode> found = reads(user, path).stream()
        .filter(event -> event.path("input").path("process_instance_ids").toString().equals("[\"" + caseId + "\"]"))
        .toList();
    assertThat(found).as("data_accessed of %s by %s", path, user).hasSize(1);
    return found.get(0);
  }

  private List<JsonNode> reads(String user, String path) throws Exception {
    return SampleApi.events(api.get("/api/audit/events?eventType=data_accessed&actorId=" + user
            + "&size=500&from=" + started,
            "alice", "alice").json(200)).stream()
        .filter(event -> event.path("input").path("path").asText().equals(path)).toList();
  }

  private JsonNode onlyFailure(String userId) throws Exception {
    List<JsonNode> found = failures().stream()
        .filter(event -> event.path("input").path("user_id").asText().equals(userId)).toList();
    assertThat(found).as("authentication_failed of %s", userId).hasSize(1);
    return found.get(0);
  }

  private List<JsonNode> failures() throws Exception {
    return SampleApi.events(api.get("/api/audit/events?eventType=authentication_failed&size=500&from=" + started,
        "alice", "alice").json(200));
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** A browser's session with the webapps: cookies kept, the CSRF token sent back on changing requests. */
  private final class Webapp {

    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .cookieHandler(cookies).build();

    int get(String path) throws Exception {
      return http.send(HttpRequest.newBuilder(URI.create(api.origin() + path)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    int login(String user, String password) throws Exception {
      get("/camunda/app/cockpit/default/");
      String token = cookies.getCookieStore().getCookies().stream()
          .filter(cookie -> cookie.getName().equals("XSRF-TOKEN")).map(HttpCookie::getValue).findFirst()
          .orElseThrow();
      String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
          + URLEncoder.encode(password, StandardCharsets.UTF_8);
      return http.send(HttpRequest.newBuilder(URI.create(api.origin()
                  + "/camunda/api/admin/auth/user/default/login/cockpit"))
              .POST(HttpRequest.BodyPublishers.ofString(form))
              .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", token).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    }
  }
}
