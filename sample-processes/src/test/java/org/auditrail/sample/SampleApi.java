package org.auditrail.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.StreamSupport;

/** The running sample application over real HTTP, as a named Camunda user (HTTP Basic) or anonymously. */
final class SampleApi {

  static final ObjectMapper JSON = new ObjectMapper();

  // HTTP/1.1: the JDK client's h2c upgrade attempt would otherwise go to Tomcat with every request.
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final int port;

  SampleApi(int port) {
    this.port = port;
  }

  Reply get(String path, String user, String password) throws IOException, InterruptedException {
    return send("GET", path, user, password, null);
  }

  Reply send(String method, String path, String user, String password, String body)
      throws IOException, InterruptedException {
    return send(method, path, user, password,
        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body),
        "Content-Type", "application/json");
  }

  /** A request with the given body and headers (name, value, name, value...). */
  Reply send(String method, String path, String user, String password, HttpRequest.BodyPublisher body,
      String... headers) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(origin() + path)).method(method, body);
    if (headers.length > 0) {
      request.headers(headers);
    }
    if (user != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder()
          .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
    HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    return new Reply(response.statusCode(), response.headers(), response.body());
  }

  /** This application's own origin, as a browser sends it in {@code Origin}. */
  String origin() {
    return "http://localhost:" + port;
  }

  /**
   * Deploys, as the user, a process whose start listener is a JUEL expression (which would run code in the engine):
   * a multipart {@code POST /engine-rest/deployment/create}.
   */
  Reply deployAs(String user, String name) throws IOException, InterruptedException {
    String bpmn = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><definitions xmlns=\"http://www.omg.org/spec/BPMN/"
        + "20100524/MODEL\" xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" targetNamespace=\"t\"><process id=\""
        + name + "\" isExecutable=\"true\" camunda:historyTimeToLive=\"P1D\"><startEvent id=\"s\"><extensionElements>"
        + "<camunda:executionListener event=\"start\" expression=\"${execution.setVariable('x', 1)}\"/>"
        + "</extensionElements></startEvent></process></definitions>";
    String boundary = "auditrail-" + name;
    String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\n" + name
        + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"" + name
        + ".bpmn\"\r\nContent-Type: application/xml\r\n\r\n" + bpmn + "\r\n--" + boundary + "--\r\n";
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port
            + "/engine-rest/deployment/create"))
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .header("Authorization", "Basic " + Base64.getEncoder()
            .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)))
        .build();
    HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    return new Reply(response.statusCode(), response.headers(), response.body());
  }

  /**
   * A high-risk KYC case started by demo through the engine's REST API and reviewed (claimed, approved with a
   * reason) by mary; answers its process instance id.
   */
  String reviewedKycCase(String businessKey) throws IOException, InterruptedException {
    return reviewedKycCase(businessKey, "approve", "Passport verified in person");
  }

  /**
   * A high-risk KYC case started by demo and reviewed by mary with a decision and reason: {@code escalate} leaves it
   * running, at the compliance review (so Cockpit shows it). Answers its process instance id.
   */
  String reviewedKycCase(String businessKey, String decision, String reason)
      throws IOException, InterruptedException {
    String caseId = send("POST", "/engine-rest/process-definition/key/kycCheck/start", "demo", "demo",
        "{\"businessKey\":\"" + businessKey + "\",\"variables\":{"
            + "\"customerNumber\":{\"value\":\"C-0042\"},"
            + "\"customerName\":{\"value\":\"Ivan Petrov\"},\"country\":{\"value\":\"KP\"},"
            + "\"documentType\":{\"value\":\"passport\"}}}").json(200).path("id").asText();
    JsonNode task = awaitTask(caseId, "mary", "mary");
    assertThat(task.path("taskDefinitionKey").asText()).isEqualTo("reviewKyc");
    String taskId = task.path("id").asText();
    send("POST", "/engine-rest/task/" + taskId + "/claim", "mary", "mary", "{\"userId\":\"mary\"}").status(204);
    send("POST", "/engine-rest/task/" + taskId + "/complete", "mary", "mary",
        "{\"variables\":{\"decision\":{\"value\":\"" + decision + "\"},"
            + "\"reviewReason\":{\"value\":\"" + reason + "\"}}}").status(204);
    return caseId;
  }

  /**
   * The one open user task of a case, once the job executor has run the AI task before it (the AI tasks run
   * asynchronously); fails after 30 seconds.
   */
  JsonNode awaitTask(String caseId, String user, String password) throws IOException, InterruptedException {
    for (int attempt = 0; attempt < 150; attempt++) {
      JsonNode tasks = get("/engine-rest/task?processInstanceId=" + caseId, user, password).json(200);
      if (!tasks.isEmpty()) {
        assertThat(tasks).hasSize(1);
        return tasks.get(0);
      }
      Thread.sleep(200);
    }
    throw new AssertionError("case " + caseId + " has no open user task after 30 seconds");
  }

  /** A rule raising an alert on every operator action, created by carol (compliance); answers its id. */
  String operatorActionRule(String name) throws IOException, InterruptedException {
    return send("POST", "/api/alerts/rules", "carol", "carol", HttpRequest.BodyPublishers.ofString(
            "{\"name\": \"" + name + "\", \"condition\": \"operator_action\"}"),
        "Content-Type", "application/json", "Origin", origin()).json(201).path("id").asText();
  }

  /**
   * A KYC case started by demo, which demo then suspends through the engine's REST API (an operator action); answers
   * the open alert the rule raised about it, once the sample's alert evaluation saw the sealed suspension; fails
   * after 60 seconds.
   */
  JsonNode alertOnSuspendedCase(String ruleId, String businessKey) throws IOException, InterruptedException {
    String caseId = send("POST", "/engine-rest/process-definition/key/kycCheck/start", "demo", "demo",
        "{\"businessKey\":\"" + businessKey + "\",\"variables\":{\"customerNumber\":{\"value\":\"C-0042\"},"
            + "\"customerName\":{\"value\":\"Ivan Petrov\"},\"country\":{\"value\":\"DE\"},"
            + "\"documentType\":{\"value\":\"passport\"}}}").json(200).path("id").asText();
    send("PUT", "/engine-rest/process-instance/" + caseId + "/suspended", "demo", "demo", "{\"suspended\":true}")
        .status(204);
    for (int attempt = 0; attempt < 300; attempt++) {
      for (JsonNode alert : get("/api/alerts?state=open", "carol", "carol").json(200).path("alerts")) {
        if (alert.path("rule_id").asText().equals(ruleId) && alert.path("case").asText().equals(caseId)) {
          return alert;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no open alert of rule " + ruleId + " about case " + caseId + " after 60 seconds");
  }

  /** The events of a trace as {@code /api/audit/traces/{id}} returned them. */
  static List<JsonNode> events(JsonNode trace) {
    return StreamSupport.stream(trace.path("events").spliterator(), false).toList();
  }

  static JsonNode only(List<JsonNode> events, String type, String activityId) {
    return only(events, type, activityId, null);
  }

  /** The one event of a type (and activity, and variable name, where given). */
  static JsonNode only(List<JsonNode> events, String type, String activityId, String variable) {
    List<JsonNode> found = events.stream()
        .filter(e -> e.path("event_type").asText().equals(type))
        .filter(e -> activityId == null || e.path("context").path("activity_id").asText().equals(activityId))
        .filter(e -> variable == null || e.path("output").path("name").asText().equals(variable))
        .toList();
    assertThat(found).as("%s %s %s", type, activityId, variable).hasSize(1);
    return found.get(0);
  }

  /** An HTTP reply, with assertions that show the body when the status is not the expected one. */
  record Reply(int status, HttpHeaders headers, byte[] body) {

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    JsonNode json(int expectedStatus) throws IOException {
      status(expectedStatus);
      return JSON.readTree(body);
    }

    void status(int expectedStatus) {
      assertThat(status).as("status of a reply with body %s", text()).isEqualTo(expectedStatus);
    }
  }
}
