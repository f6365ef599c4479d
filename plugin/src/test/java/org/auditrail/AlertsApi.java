package org.auditrail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** The alerts API over real HTTP as one user sees it (HTTP Basic, same-origin JSON for changes). */
final class AlertsApi {

  private final int port;
  private final String user;
  private final String password;

  AlertsApi(int port, String user, String password) {
    this.port = port;
    this.user = user;
    this.password = password;
  }

  HttpResponse<String> send(String method, String path, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    if (body != null || "DELETE".equals(method)) {
      request.header("Content-Type", "application/json").header("Origin", "http://127.0.0.1:" + port);
    }
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body));
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Creates the rule and answers its id. */
  String createRule(String body) throws Exception {
    HttpResponse<String> created = send("POST", "/api/alerts/rules", body);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return RecordedTrail.parse(created.body()).path("id").asText();
  }

  void deleteRule(String id) throws Exception {
    assertThat(send("DELETE", "/api/alerts/rules/" + id, null).statusCode()).isEqualTo(204);
  }

  /** The open alerts of one rule, newest first. */
  List<JsonNode> openAlertsOf(String ruleId) throws Exception {
    HttpResponse<String> open = send("GET", "/api/alerts?state=open", null);
    assertThat(open.statusCode()).isEqualTo(200);
    List<JsonNode> alerts = new ArrayList<>();
    RecordedTrail.parse(open.body()).path("alerts").forEach(alert -> {
      if (alert.path("rule_id").asText().equals(ruleId)) {
        alerts.add(alert);
      }
    });
    return alerts;
  }

  /** The 400 a bad rule gets: asserts it names the field and answers its detail. */
  String refusal(String body, String field) throws Exception {
    HttpResponse<String> refused = send("POST", "/api/alerts/rules", body);
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    JsonNode problem = RecordedTrail.parse(refused.body());
    assertThat(problem.path("code").asText()).isEqualTo("invalid_parameter");
    assertThat(problem.path("parameter").asText()).as(refused.body()).isEqualTo(field);
    return problem.path("detail").asText();
  }
}
