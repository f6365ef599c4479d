package org.auditrail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.auditrail.alert.DeliveryAttemptRepository;
import org.auditrail.alert.AlertChannel;
import org.auditrail.alert.AlertEvaluator;
import org.auditrail.alert.AlertRaised;
import org.auditrail.alert.DeliveryLog;
import org.auditrail.seal.Sequencer;
import org.auditrail.testapp.AuditTestApplication;
import org.auditrail.trail.AuditTrail;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Alert rules over real HTTP, with Hibernate validating the V18 tables: compliance manages rules (every change
 * an audit event with before and after), bad rules are refused naming the field, others get 403; rules fire on
 * their scenario on the sealed log and not on a clean run, and an alert is acknowledged with a reason.
 */
@SpringBootTest(classes = AuditTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "audit.alerts.evaluate-interval=1h")
@Import(AlertsContract.Raised.class)
abstract class AlertsContract {

  @Autowired IdentityService identityService;
  @Autowired RuntimeService runtimeService;
  @Autowired AuditTrail auditTrail;
  @Autowired Sequencer sequencer;
  @Autowired AlertEvaluator evaluator;
  @Autowired Raised raised;
  @Autowired DeliveryLog deliveryLog;
  @Autowired DeliveryAttemptRepository deliveries;
  @Autowired PlatformTransactionManager transactionManager;
  @LocalServerPort int port;

  @BeforeEach
  void users() {
    if (identityService.createUserQuery().userId("cora").count() == 0) {
      user("cora", "compliance");
      user("otto", "operators");
    }
  }

  @Test
  void theEngineRunsWithBootsJpaTransactionManager() {
    assertThat(transactionManager).isInstanceOf(JpaTransactionManager.class);
  }

  @Test
  void complianceCreatesChangesAndDeletesARuleAndEveryChangeIsRecordedWithBeforeAndAfter() throws Exception {
    HttpResponse<String> created = send("POST", "/api/alerts/rules", "cora", """
        {"name": "Refused approvals", "condition": "four_eyes_refused", "parameters": {"threshold": 2},
         "channels": [{"type": "webhook", "url": "https://hooks.example.com/alerts"},
                      {"type": "email", "to": "compliance@example.com"}]}""");

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode rule = RecordedTrail.parse(created.body());
    String id = rule.path("id").asText();
    assertThat(created.headers().firstValue("Location")).contains("/api/alerts/rules/" + id);
    assertThat(rule.path("parameters").toString()).isEqualTo("{\"threshold\":2,\"window\":\"PT1H\"}");
    assertThat(rule.path("channels").toString()).isEqualTo("[{\"type\":\"webhook\",\"url\":"
        + "\"https://hooks.example.com/alerts\"},{\"type\":\"email\",\"to\":\"compliance@example.com\"}]");
    assertThat(rule.path("created_by").asText()).isEqualTo("cora");

    HttpResponse<String> changed = send("PUT", "/api/alerts/rules/" + id, "cora", """
        {"name": "Refused approvals", "condition": "four_eyes_refused", "parameters": {"threshold": 3,
         "window": "PT10M"}}""");
    assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
    assertThat(RecordedTrail.parse(changed.body()).path("parameters").toString())
        .isEqualTo("{\"threshold\":3,\"window\":\"PT10M\"}");
    assertThat(RecordedTrail.parse(send("GET", "/api/alerts/rules", "cora", null).body()).path("rules")
        .findValuesAsText("id")).contains(id);

    HttpResponse<String> deleted = send("DELETE", "/api/alerts/rules/" + id, "cora", null);
    assertThat(deleted.statusCode()).isEqualTo(204);
    HttpResponse<String> gone = send("DELETE", "/api/alerts/rules/" + id, "cora", null);
    assertThat(gone.statusCode()).isEqualTo(404);
    assertThat(RecordedTrail.parse(gone.body()).path("code").asText()).isEqualTo("unknown_rule");

    List<JsonNode> changes = RecordedTrail.of(auditTrail, "alert-rules").where(event ->
        event.path("output").path("rule_id").asText().equals(id));
    assertThat(changes).extracting(event -> event.path("output").path("change").asText())
        .containsExactly("created", "updated", "deleted");
    assertThat(changes).extracting(event -> event.path("actor").path("id").asText())
        .containsExactly("cora", "cora", "cora");
    assertThat(changes.get(0).path("input").path("rule").isNull()).isTrue();
    assertThat(changes.get(1).path("input").path("rule").path("parameters").path("threshold").asInt()).isEqualTo(2);
    assertThat(changes.get(1).path("output").path("rule").path("parameters").path("threshold").asInt())
        .isEqualTo(3);
    assertThat(changes.get(1).path("output").path("rule").path("channels")).isEmpty();
    assertThat(changes.get(2).path("output").path("rule").isNull()).isTrue();
    assertThat(changes.get(2).path("input").path("rule").path("name").asText()).isEqualTo("Refused approvals");
  }

  @Test
  void aBadRuleIsRefusedNamingTheField() throws Exception {
    assertRefused("{\"name\": \"x\", \"condition\": \"cosmic_rays\"}", "condition",
        "unknown condition cosmic_rays; available: four_eyes_refused, access_refused, authentication_failed,"
            + " operator_action, model_errors, verification_failed, high_risk_ai_decisions, override_rate,"
            + " unapproved_configuration_change, signing_or_anchor_failure, sealing_degraded");
    assertRefused("{\"condition\": \"model_errors\"}", "name", "name is required: text of 1 to 200 characters");
    assertRefused("{\"name\": \"x\", \"condition\": \"model_errors\", \"parameters\": {\"window\": \"ten\"}}",
        "parameters.window", "window must be an ISO-8601 duration from PT1S to P31D such as \"PT10M\", but was"
            + " \"ten\"");
    assertRefused("{\"name\": \"x\", \"condition\": \"model_errors\", \"parameters\": {\"threshold\": 0}}",
        "parameters.threshold", "threshold must be a whole number of at least 1, but was 0");
    assertRefused("{\"name\": \"x\", \"condition\": \"model_errors\", \"parameters\": {\"share\": 0.5}}",
        "parameters.share", "unknown parameter share; model_errors takes threshold, window");
    assertRefused("{\"name\": \"x\", \"condition\": \"model_errors\", \"channels\": [{\"type\": \"webhook\","
        + " \"url\": \"ftp://example.com/x\"}]}", "channels[0].url",
        "url must be an absolute http or https URL, but was \"ftp://example.com/x\"");
    assertRefused("{\"name\": \"x\", \"condition\": \"model_errors\", \"channels\": [{\"type\": \"email\","
        + " \"to\": \"not an address\"}]}", "channels[0].to",
        "to must be one email address such as compliance@example.com, but was \"not an address\"");
    assertRefused("{\"name\": \"x\", \"condition\": \"model_errors\", \"channels\": [{\"type\": \"pager\"}]}",
        "channels[0].type", "a channel's type is webhook or email, but was \"pager\"");
  }

  @Test
  void othersThanTheAlertGroupsAreRefused() throws Exception {
    HttpResponse<String> refused = send("POST", "/api/alerts/rules", "otto",
        "{\"name\": \"mine\", \"condition\": \"operator_action\"}");

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(RecordedTrail.parse(refused.body()).path("detail").asText()).isEqualTo("user 'otto' is not a member"
        + " of any of the groups [compliance, camunda-admin] allowed to use this API");
    assertThat(send("GET", "/api/alerts?state=open", "otto", null).statusCode()).isEqualTo(403);
  }

  @Test
  void anOperatorActionRaisesASealedAlertThatIsPublishedListedAndAcknowledged() throws Exception {
    catchUp();
    String ruleId = createRule("{\"name\": \"Operator actions\", \"condition\": \"operator_action\","
        + " \"channels\": [{\"type\": \"email\", \"to\": \"compliance@example.com\"}]}");
    String clean = runtimeService.startProcessInstanceByKey("rollbackCase", "alerts-clean", Map.of("fail", false))
        .getId();
    catchUp();
    assertThat(alertsOf(ruleId)).isEmpty();

    String caseId = runtimeService.startProcessInstanceByKey("rollbackCase", "alerts-1", Map.of("fail", false))
        .getId();
    identityService.setAuthenticatedUserId("otto");
    try {
      runtimeService.suspendProcessInstanceById(caseId);
    } finally {
      identityService.clearAuthentication();
    }
    catchUp();

    List<JsonNode> open = alertsOf(ruleId);
    assertThat(open).hasSize(1);
    JsonNode alert = open.get(0);
    assertThat(alert.path("case").asText()).isEqualTo(caseId);
    assertThat(alert.path("summary").asText()).isEqualTo("1 operator action in case " + caseId);
    assertThat(alert.path("state").asText()).isEqualTo("open");
    JsonNode suspension = RecordedTrail.of(auditTrail, caseId).where(event ->
        event.path("event_type").asText().equals("user_operation")
            && event.path("output").path("operation_type").asText().equals("Suspend")).get(0);
    assertThat(alert.path("event_ids").toString()).isEqualTo("[\"" + suspension.path("event_id").asText() + "\"]");
    assertThat(RecordedTrail.of(auditTrail, clean).ofType("user_operation")).isEmpty();
    // The alerts of one case: the case page asks for those.
    assertThat(idsOf("/api/alerts?case=" + caseId)).containsExactly(alert.path("id").asText());
    assertThat(idsOf("/api/alerts?state=open&case=" + caseId)).containsExactly(alert.path("id").asText());
    assertThat(idsOf("/api/alerts?case=" + clean)).isEmpty();
    HttpResponse<String> badCase = send("GET", "/api/alerts?case=x%27%20or%201=1", "cora", null);
    assertThat(badCase.statusCode()).isEqualTo(400);
    assertThat(RecordedTrail.parse(badCase.body()).path("parameter").asText()).isEqualTo("case");

    String day = alert.path("raised_at").asText().substring(0, 10);
    JsonNode raisedEvent = RecordedTrail.of(auditTrail, "alerts-" + day).byId(alert.path("raised_event_id").asText());
    assertThat(raisedEvent.path("event_type").asText()).isEqualTo("alert_raised");
    assertThat(raisedEvent.path("actor").path("id").asText()).isEqualTo("audit-alerts");
    assertThat(raisedEvent.path("output").path("rule_id").asText()).isEqualTo(ruleId);
    assertThat(raisedEvent.path("output").path("case").asText()).isEqualTo(caseId);
    assertThat(raisedEvent.path("output").path("event_ids")).isEqualTo(alert.path("event_ids"));

    AlertRaised published = raised.all.stream().filter(event -> event.ruleId().equals(ruleId)).findFirst()
        .orElseThrow();
    assertThat(published.alertId()).isEqualTo(alert.path("id").asText());
    assertThat(published.traceId()).isEqualTo(caseId);
    assertThat(published.channels()).containsExactly(new AlertChannel("email", "compliance@example.com"));

    HttpResponse<String> noReason = send("POST", "/api/alerts/" + published.alertId() + "/acknowledge", "cora", "{}");
    assertThat(noReason.statusCode()).isEqualTo(400);
    assertThat(RecordedTrail.parse(noReason.body()).path("parameter").asText()).isEqualTo("reason");
    HttpResponse<String> acknowledged = send("POST", "/api/alerts/" + published.alertId() + "/acknowledge", "cora",
        "{\"reason\": \"planned suspension, ticket OPS-7\"}");
    assertThat(acknowledged.statusCode()).as(acknowledged.body()).isEqualTo(200);
    assertThat(RecordedTrail.parse(acknowledged.body()).path("acknowledged").toString()).startsWith(
        "{\"by\":\"cora\",\"at\":\"").endsWith("\"reason\":\"planned suspension, ticket OPS-7\"}");
    assertThat(alertsOf(ruleId)).isEmpty();
    assertThat(idsOf("/api/alerts?state=open&case=" + caseId)).isEmpty();
    assertThat(idsOf("/api/alerts?state=acknowledged&case=" + caseId)).containsExactly(published.alertId());
    HttpResponse<String> again = send("POST", "/api/alerts/" + published.alertId() + "/acknowledge", "cora",
        "{\"reason\": \"again\"}");
    assertThat(again.statusCode()).isEqualTo(409);
    JsonNode acknowledgement = RecordedTrail.of(auditTrail, "alerts-" + java.time.LocalDate.now(
        java.time.ZoneOffset.UTC)).where(event -> event.path("event_type").asText().equals("alert_acknowledged")
            && event.path("output").path("alert_id").asText().equals(published.alertId())).get(0);
    assertThat(acknowledgement.path("actor").path("id").asText()).isEqualTo("cora");
    assertThat(acknowledgement.path("input").path("reason").asText()).isEqualTo("planned suspension, ticket OPS-7");
  }

  @Test
  void failedLoginsWithinTheWindowRaiseAnAlertAndOneBelowTheThresholdDoesNot() throws Exception {
    catchUp();
    String ruleId = createRule("{\"name\": \"Password guessing\", \"condition\": \"authentication_failed\","
        + " \"parameters\": {\"threshold\": 2, \"window\": \"PT10M\"}}");
    assertThat(sendAs("mallory", "guess-1", "GET", "/api/alerts").statusCode()).isEqualTo(401);
    catchUp();
    assertThat(alertsOf(ruleId)).isEmpty();

    assertThat(sendAs("mallory", "guess-2", "GET", "/api/alerts").statusCode()).isEqualTo(401);
    catchUp();

    List<JsonNode> open = alertsOf(ruleId);
    assertThat(open).hasSize(1);
    assertThat(open.get(0).path("summary").asText()).isEqualTo("2 failed authentications within PT10M");
    assertThat(open.get(0).path("event_ids")).hasSize(2);
  }

  @Test
  void refusedAccessRaisesAnAlert() throws Exception {
    catchUp();
    String ruleId = createRule("{\"name\": \"Refused access\", \"condition\": \"access_refused\"}");
    assertThat(send("GET", "/api/alerts/rules", "cora", null).statusCode()).isEqualTo(200);
    catchUp();
    assertThat(alertsOf(ruleId)).isEmpty();

    assertThat(send("GET", "/api/alerts/rules", "otto", null).statusCode()).isEqualTo(403);
    catchUp();

    assertThat(alertsOf(ruleId)).extracting(alert -> alert.path("summary").asText())
        .containsExactly("1 refused request");
  }

  @Test
  void everyDeliveryAttemptIsKept() {
    deliveryLog.attempted("alert-x", new AlertChannel("webhook", "https://hooks.example.com/a"), 1,
        java.time.Instant.parse("2026-12-01T10:00:00Z"), false, "HTTP 503");
    deliveryLog.attempted("alert-x", new AlertChannel("webhook", "https://hooks.example.com/a"), 2,
        java.time.Instant.parse("2026-12-01T10:00:30Z"), true, "HTTP 200");

    assertThat(deliveries.findByAlertIdOrderByIdAsc("alert-x")).extracting(delivery -> delivery.attempt() + " "
        + delivery.delivered() + " " + delivery.result() + " " + delivery.channel().target())
        .containsExactly("1 false HTTP 503 https://hooks.example.com/a", "2 true HTTP 200 https://hooks.example.com/a");
  }

  private void assertRefused(String body, String field, String detail) throws Exception {
    HttpResponse<String> refused = send("POST", "/api/alerts/rules", "cora", body);
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    JsonNode problem = RecordedTrail.parse(refused.body());
    assertThat(problem.path("code").asText()).isEqualTo("invalid_parameter");
    assertThat(problem.path("parameter").asText()).isEqualTo(field);
    assertThat(problem.path("detail").asText()).isEqualTo(detail);
  }

  private String createRule(String body) throws Exception {
    return as("cora").createRule(body);
  }

  /** The ids of the alerts a GET lists, in its order. */
  private List<String> idsOf(String path) throws Exception {
    HttpResponse<String> listed = send("GET", path, "cora", null);
    assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
    return RecordedTrail.parse(listed.body()).path("alerts").findValuesAsText("id");
  }

  private List<JsonNode> alertsOf(String ruleId) throws Exception {
    return as("cora").openAlertsOf(ruleId);
  }

  /** Seals what waits (the API's own access events are written detached, so wait for nothing) and evaluates. */
  private void catchUp() throws Exception {
    while (sequencer.sealOnce(true) > 0) {
      // Seal until nothing waits.
    }
    evaluator.evaluate();
  }

  private HttpResponse<String> send(String method, String path, String user, String body) throws Exception {
    return as(user).send(method, path, body);
  }

  private HttpResponse<String> sendAs(String user, String password, String method, String path) throws Exception {
    return new AlertsApi(port, user, password).send(method, path, null);
  }

  /** The API as a user created by {@link TestUsers}. */
  private AlertsApi as(String user) {
    return new AlertsApi(port, user, user + "-secret");
  }

  private void user(String id, String group) {
    TestUsers.create(identityService, id, group);
  }

  /** The alerts published for delivery. */
  @TestConfiguration
  static class Raised {
    final List<AlertRaised> all = new java.util.concurrent.CopyOnWriteArrayList<>();

    @EventListener
    void on(AlertRaised alert) {
      all.add(alert);
    }
  }
}
