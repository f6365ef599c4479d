package org.auditrail;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.auditrail.testapp.AuditTestApplication;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Who may do what with alerts, per method, over real HTTP: auditors read the alerts, only the alert groups read or
 * change rules and acknowledge, everyone else is refused.
 */
@SpringBootTest(classes = AuditTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "audit.alerts.evaluate-interval=1h")
class AlertReadersTest {

  private static final String ALERT_GROUPS_ONLY = " is not a member of any of the groups [compliance,"
      + " camunda-admin] allowed to use this API";

  @Autowired IdentityService identityService;
  @LocalServerPort int port;

  @BeforeEach
  void users() {
    if (identityService.createUserQuery().userId("audra").count() == 0) {
      user("audra", "auditors");
      user("cosima", "compliance");
      user("oswin", "operators");
    }
  }

  @Test
  void auditorsAndTheAlertGroupsReadAlertsAndOthersAreRefused() throws Exception {
    assertThat(send("GET", "/api/alerts", "audra", null).statusCode()).isEqualTo(200);
    assertThat(send("GET", "/api/alerts?state=open", "audra", null).statusCode()).isEqualTo(200);
    assertThat(send("GET", "/api/alerts?state=acknowledged", "audra", null).statusCode()).isEqualTo(200);
    assertThat(send("GET", "/api/alerts?state=open", "cosima", null).statusCode()).isEqualTo(200);

    HttpResponse<String> refused = send("GET", "/api/alerts?state=open", "oswin", null);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(RecordedTrail.parse(refused.body()).path("detail").asText()).isEqualTo("user 'oswin' is not a"
        + " member of any of the groups [compliance, camunda-admin, auditors] allowed to use this API");
  }

  @Test
  void auditorsNeitherReadNorChangeRules() throws Exception {
    assertRefused(send("GET", "/api/alerts/rules", "audra", null));
    assertRefused(send("GET", "/api/alerts/rules/", "audra", null));
    assertRefused(send("POST", "/api/alerts/rules", "audra", "{\"name\": \"x\", \"condition\": \"model_errors\"}"));
    assertRefused(send("PUT", "/api/alerts/rules/any", "audra", "{\"name\": \"x\", \"condition\": \"model_errors\"}"));
    assertRefused(send("DELETE", "/api/alerts/rules/any", "audra", "{}"));

    assertThat(send("GET", "/api/alerts/rules", "cosima", null).statusCode()).isEqualTo(200);
  }

  @Test
  void auditorsReadOnlyWithGetOrHead() throws Exception {
    assertThat(send("HEAD", "/api/alerts", "audra", null).statusCode()).isEqualTo(200);
    assertRefused(send("OPTIONS", "/api/alerts", "audra", null));
  }

  @Test
  void auditorsDoNotAcknowledgeAlerts() throws Exception {
    assertRefused(send("POST", "/api/alerts/any/acknowledge", "audra", "{\"reason\": \"seen\"}"));

    HttpResponse<String> unknown = send("POST", "/api/alerts/any/acknowledge", "cosima", "{\"reason\": \"seen\"}");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(RecordedTrail.parse(unknown.body()).path("code").asText()).isEqualTo("unknown_alert");
  }

  private static void assertRefused(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
    assertThat(RecordedTrail.parse(response.body()).path("detail").asText())
        .isEqualTo("user 'audra'" + ALERT_GROUPS_ONLY);
  }

  private HttpResponse<String> send(String method, String path, String user, String body) throws Exception {
    return new AlertsApi(port, user, user + "-secret").send(method, path, body);
  }

  private void user(String id, String group) {
    TestUsers.create(identityService, id, group);
  }
}
