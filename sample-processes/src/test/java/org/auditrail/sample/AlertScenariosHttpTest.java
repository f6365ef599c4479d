package org.auditrail.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.auditrail.alert.AlertEvaluator;
import org.auditrail.seal.Sequencer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Alert rules that compliance (carol) creates over {@code /api/alerts/rules} fire on what happens in the running
 * sample, and their alerts reach a webhook and a real SMTP server naming the case; a properly reviewed case raises
 * nothing. Each test starts once everything sealed so far was evaluated, and deletes its rules (and acknowledges
 * what they raised) at the end, so no rule sees another test's events.
 */
class AlertScenariosHttpTest extends RunningSampleApplication {

  private static final String COMPLIANCE_MAIL = "compliance@bank.example";
  private static final String CASE_LINK = "https://audit.bank.example/audit/cases/";

  @Autowired Sequencer sequencer;
  @Autowired AlertEvaluator evaluator;

  private final List<String> rules = new ArrayList<>();
  private SampleWebhookReceiver webhook;
  private Instant started;

  @BeforeEach
  void startAfterEverythingSealedSoFar() throws Exception {
    started = Instant.now();
    webhook = new SampleWebhookReceiver();
    sealedAndEvaluated();
  }

  @AfterEach
  void deleteRulesAndAcknowledgeTheirAlerts() throws Exception {
    for (JsonNode alert : openAlerts()) {
      if (rules.contains(alert.path("rule_id").asText())) {
        api.send("POST", "/api/alerts/" + alert.path("id").asText() + "/acknowledge", "carol", "carol",
            "{\"reason\":\"test scenario over\"}").status(200);
      }
    }
    for (String rule : rules) {
      api.send("DELETE", "/api/alerts/rules/" + rule, "carol", "carol", null).status(204);
    }
    webhook.close();
  }

  @Test
  void aFourEyesRefusalRaisesAnAlertNamingTheCaseThatReachesTheWebhookAndTheMailbox() throws Exception {
    String rule = rule("Four-eyes refusals", "four_eyes_refused", 1, "PT1H", true);
    String caseId = startedKycCase("mary", "KYC-ALERT-4EYES");
    String taskId = api.awaitTask(caseId, "mary", "mary").path("id").asText();
    api.send("POST", "/engine-rest/task/" + taskId + "/claim", "mary", "mary", "{\"userId\":\"mary\"}").status(204);

    JsonNode refused = api.send("POST", "/engine-rest/task/" + taskId + "/complete", "mary", "mary",
        "{\"variables\":{\"decision\":{\"value\":\"approve\"},\"reviewReason\":{\"value\":\"my own case\"}}}")
        .json(400);
    assertThat(refused.path("message").asText()).endsWith("Four-eyes rule: mary started this case and may not"
        + " approve its AI draft. Another reviewer must complete this task.");

    JsonNode alert = awaitAlertOf(rule);
    String refusal = only(eventsOf(caseId), "review_refused").path("event_id").asText();
    assertAlert(alert, rule, "Four-eyes refusals", "four_eyes_refused", "1 four-eyes refusal in case " + caseId,
        caseId, List.of(refusal));

    JsonNode delivered = webhook.await(1).get(0);
    assertThat(webhook.bodies()).hasSize(1);
    assertThat(delivered.path("alert_id").asText()).isEqualTo(alert.path("id").asText());
    assertThat(delivered.path("rule").toString()).isEqualTo("{\"id\":\"" + rule + "\",\"name\":\"Four-eyes"
        + " refusals\",\"condition\":\"four_eyes_refused\"}");
    assertThat(delivered.path("summary").asText()).isEqualTo("1 four-eyes refusal in case " + caseId);
    assertThat(delivered.path("case").asText()).isEqualTo(caseId);
    assertThat(texts(delivered.path("event_ids"))).containsExactly(refusal);
    assertThat(delivered.path("links").path("case").asText()).isEqualTo(CASE_LINK + caseId);
    assertThat(delivered.path("text").asText()).isEqualTo("Audit alert \"Four-eyes refusals\" (four_eyes_refused):"
        + " 1 four-eyes refusal in case " + caseId + " — case " + caseId + ": " + CASE_LINK + caseId);

    MimeMessage mail = SampleMailServer.awaitOne(subject -> subject.contains(caseId));
    assertThat(mail.getSubject()).isEqualTo("Audit alert: Four-eyes refusals (case " + caseId + ")");
    assertThat(mail.getRecipients(Message.RecipientType.TO)[0].toString()).isEqualTo(COMPLIANCE_MAIL);
    assertThat(((String) mail.getContent()).lines()).contains(
        "Rule: Four-eyes refusals (four_eyes_refused)",
        "Case: " + caseId,
        "Events: " + refusal,
        "Alert: " + alert.path("id").asText(),
        "Case in the auditor console: " + CASE_LINK + caseId);
  }

  @Test
  void anAdministratorSuspendingACaseRaisesOneOperatorActionAlertNamingIt() throws Exception {
    String rule = rule("Operator actions", "operator_action", 1, "PT1H", false);
    String caseId = startedKycCase("demo", "KYC-ALERT-SUSPEND");
    api.awaitTask(caseId, "demo", "demo");

    api.send("PUT", "/engine-rest/process-instance/" + caseId + "/suspended", "demo", "demo",
        "{\"suspended\":true}").status(204);

    JsonNode alert = awaitAlertOf(rule);
    List<String> suspension = eventsOf(caseId).stream()
        .filter(event -> event.path("event_type").asText().equals("user_operation"))
        .filter(event -> event.path("output").path("operation_type").asText().equals("Suspend"))
        .map(event -> event.path("event_id").asText()).toList();
    assertThat(suspension).isNotEmpty();
    assertAlert(alert, rule, "Operator actions", "operator_action", "1 operator action in case " + caseId, caseId,
        List.of(suspension.get(0)));
    sealedAndEvaluated();
    assertThat(alertsOf(rule)).hasSize(1);
    JsonNode delivered = webhook.await(1).get(0);
    assertThat(delivered.path("case").asText()).isEqualTo(caseId);
    assertThat(delivered.path("summary").asText()).isEqualTo("1 operator action in case " + caseId);
  }

  @Test
  void refusedCallsToAGuardedApiRaiseAnAccessRefusedAlertOnceTheyReachTheThreshold() throws Exception {
    String rule = rule("Refused requests", "access_refused", 2, "PT1M", false);

    api.get("/api/alerts/rules", "mary", "mary").status(403);
    sealedAndEvaluated();
    assertThat(alertsOf(rule)).isEmpty();
    api.get("/api/alerts?state=open", "mary", "mary").status(403);

    JsonNode alert = awaitAlertOf(rule);
    List<String> refusals = SampleApi.events(api.get("/api/audit/events?eventType=audit_api_accessed&actorId=mary"
            + "&from=" + started, "alice", "alice").json(200)).stream()
        .filter(event -> event.path("actor").path("id").asText().equals("mary"))
        .filter(event -> event.path("output").path("status").asInt() == 403)
        .filter(event -> event.path("input").path("path").asText().startsWith("/api/alerts"))
        .map(event -> event.path("event_id").asText()).toList();
    assertThat(refusals).hasSize(2);
    assertAlert(alert, rule, "Refused requests", "access_refused", "2 refused requests within PT1M", null,
        refusals);
    assertThat(webhook.await(1).get(0).path("event_ids")).hasSize(2);
  }

  @Test
  void aBurstOfWrongPasswordsRaisesAnAuthenticationFailedAlert() throws Exception {
    String rule = rule("Failed logins", "authentication_failed", 3, "PT1M", false);

    for (int attempt = 0; attempt < 3; attempt++) {
      api.get("/api/alerts?state=open", "mallet", "guess-" + attempt).status(401);
    }

    JsonNode alert = awaitAlertOf(rule);
    List<String> failures = SampleApi.events(api.get("/api/audit/events?eventType=authentication_failed&from="
            + started, "alice", "alice").json(200)).stream()
        .filter(event -> event.path("input").path("user_id").asText().equals("mallet"))
        .map(event -> event.path("event_id").asText()).toList();
    assertThat(failures).hasSize(3);
    assertAlert(alert, rule, "Failed logins", "authentication_failed", "3 failed authentications within PT1M",
        null, failures);
    assertThat(texts(webhook.await(1).get(0).path("event_ids"))).containsExactlyInAnyOrderElementsOf(failures);
  }

  @Test
  void aCaseReviewedProperlyRaisesNothing() throws Exception {
    List<String> watching = List.of(rule("Four-eyes refusals", "four_eyes_refused", 1, "PT1H", true),
        rule("Operator actions", "operator_action", 1, "PT1H", false),
        rule("Refused requests", "access_refused", 1, "PT1H", false),
        rule("Failed logins", "authentication_failed", 1, "PT1H", false));

    String caseId = api.reviewedKycCase("KYC-ALERT-CLEAN");
    awaitEvent(caseId, "human_review");
    sealedAndEvaluated();

    for (String rule : watching) {
      assertThat(alertsOf(rule)).as("alerts of %s", rule).isEmpty();
    }
    assertThat(webhook.bodies()).isEmpty();
    assertThat(SampleMailServer.matching(subject -> subject.contains(caseId))).isEmpty();
  }

  @Test
  void anAcknowledgedAlertLeavesTheOpenOnesAndTheTrailSaysWhoAcknowledgedItAndWhy() throws Exception {
    String rule = rule("Operator actions", "operator_action", 1, "PT1H", false);
    String caseId = startedKycCase("demo", "KYC-ALERT-ACK");
    api.awaitTask(caseId, "demo", "demo");
    api.send("PUT", "/engine-rest/process-instance/" + caseId + "/suspended", "demo", "demo",
        "{\"suspended\":true}").status(204);
    String alertId = awaitAlertOf(rule).path("id").asText();

    JsonNode acknowledged = api.send("POST", "/api/alerts/" + alertId + "/acknowledge", "carol", "carol",
        "{\"reason\":\"Planned suspension, ticket OPS-7\"}").json(200);

    assertThat(acknowledged.path("state").asText()).isEqualTo("acknowledged");
    assertThat(acknowledged.path("acknowledged").path("by").asText()).isEqualTo("carol");
    assertThat(acknowledged.path("acknowledged").path("reason").asText()).isEqualTo("Planned suspension, ticket OPS-7");
    assertThat(openAlerts()).noneMatch(alert -> alert.path("id").asText().equals(alertId));
    assertThat(StreamSupport.stream(api.get("/api/alerts?state=acknowledged", "carol", "carol").json(200)
        .path("alerts").spliterator(), false).filter(alert -> alert.path("id").asText().equals(alertId))
        .map(alert -> alert.path("acknowledged").path("by").asText())).containsExactly("carol");
    JsonNode event = awaitAcknowledgement(alertId);
    assertThat(event.path("actor").path("id").asText()).isEqualTo("carol");
    assertThat(event.path("input").path("reason").asText()).isEqualTo("Planned suspension, ticket OPS-7");
    assertThat(event.path("output").path("rule_id").asText()).isEqualTo(rule);
  }

  /** A rule created by carol; answers its id and deletes it after the test. */
  private String rule(String name, String condition, int threshold, String window, boolean email)
      throws Exception {
    String channels = "{\"type\":\"webhook\",\"url\":\"" + webhook.url() + "\"}"
        + (email ? ",{\"type\":\"email\",\"to\":\"" + COMPLIANCE_MAIL + "\"}" : "");
    JsonNode created = api.send("POST", "/api/alerts/rules", "carol", "carol", "{\"name\":\"" + name
        + "\",\"condition\":\"" + condition + "\",\"parameters\":{\"threshold\":" + threshold + ",\"window\":\""
        + window + "\"},\"channels\":[" + channels + "]}").json(201);
    assertThat(created.path("created_by").asText()).isEqualTo("carol");
    rules.add(created.path("id").asText());
    return created.path("id").asText();
  }

  private String startedKycCase(String user, String businessKey) throws Exception {
    return api.send("POST", "/engine-rest/process-definition/key/kycCheck/start", user, user,
        "{\"businessKey\":\"" + businessKey + "\",\"variables\":{\"customerNumber\":{\"value\":\"C-4711\"},"
            + "\"customerName\":{\"value\":\"Ivan Petrov\"},"
            + "\"country\":{\"value\":\"KP\"},\"documentType\":{\"value\":\"passport\"}}}").json(200)
        .path("id").asText();
  }

  /** Seals what was committed and evaluates the rules on it now, rather than waiting for their intervals. */
  private void sealedAndEvaluated() throws SQLException {
    while (sequencer.sealOnce(false) > 0) {
      // a full batch: more may be waiting
    }
    evaluator.evaluate();
  }

  private static void assertAlert(JsonNode alert, String rule, String name, String condition, String summary,
      String caseId, List<String> eventIds) {
    assertThat(alert.path("rule_id").asText()).isEqualTo(rule);
    assertThat(alert.path("rule_name").asText()).isEqualTo(name);
    assertThat(alert.path("condition").asText()).isEqualTo(condition);
    assertThat(alert.path("summary").asText()).isEqualTo(summary);
    assertThat(alert.path("case").isNull() ? null : alert.path("case").asText()).isEqualTo(caseId);
    assertThat(texts(alert.path("event_ids"))).containsExactlyElementsOf(eventIds);
    assertThat(alert.path("state").asText()).isEqualTo("open");
  }

  /** The one open alert of a rule, waiting for it at most 20 seconds. */
  private JsonNode awaitAlertOf(String rule) throws Exception {
    for (int attempt = 0; attempt < 100; attempt++) {
      List<JsonNode> alerts = alertsOf(rule);
      if (!alerts.isEmpty()) {
        assertThat(alerts).hasSize(1);
        return alerts.get(0);
      }
      Thread.sleep(200);
    }
    throw new AssertionError("rule " + rule + " raised no alert within 20 seconds");
  }

  private List<JsonNode> alertsOf(String rule) throws Exception {
    return openAlerts().stream().filter(alert -> alert.path("rule_id").asText().equals(rule)).toList();
  }

  private List<JsonNode> openAlerts() throws Exception {
    return StreamSupport.stream(api.get("/api/alerts?state=open", "carol", "carol").json(200).path("alerts")
        .spliterator(), false).toList();
  }

  private List<JsonNode> eventsOf(String caseId) throws Exception {
    return SampleApi.events(api.get("/api/audit/traces/" + caseId, "alice", "alice").json(200));
  }

  private void awaitEvent(String caseId, String type) throws Exception {
    for (int attempt = 0; attempt < 100; attempt++) {
      if (eventsOf(caseId).stream().anyMatch(event -> event.path("event_type").asText().equals(type))) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("case " + caseId + " has no " + type + " after 20 seconds");
  }

  private JsonNode awaitAcknowledgement(String alertId) throws Exception {
    String trace = "alerts-" + Instant.now().toString().substring(0, 10);
    for (int attempt = 0; attempt < 100; attempt++) {
      Optional<JsonNode> found = SampleApi.events(api.get("/api/audit/traces/" + trace
              + "?eventType=alert_acknowledged", "alice", "alice").json(200)).stream()
          .filter(event -> event.path("event_type").asText().equals("alert_acknowledged"))
          .filter(event -> event.path("output").path("alert_id").asText().equals(alertId)).findFirst();
      if (found.isPresent()) {
        return found.get();
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no alert_acknowledged for " + alertId + " in " + trace + " after 20 seconds");
  }

  private static JsonNode only(List<JsonNode> events, String type) {
    List<JsonNode> found = events.stream().filter(event -> event.path("event_type").asText().equals(type)).toList();
    assertThat(found).as(type).hasSize(1);
    return found.get(0);
  }

  private static List<String> texts(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }
}
