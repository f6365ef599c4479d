package org.auditrail.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The Audit trail tab in the real Cockpit, in headless Chromium: an administrator (a reader of the audit API) sees a
 * reviewed KYC case's AI call and review on the process instance, badges on its diagram, and downloads its evidence
 * bundle; a Cockpit user outside the auditor groups sees that she lacks the right.
 */
class CockpitAuditTabBrowserTest extends RunningSampleInBrowser {

  private static final String AUDIT_TAB = ".auditrail-tab";

  @Test
  void anAuditorSeesTheCaseTrailBadgesAndDownloadsTheBundleInCockpit() throws Exception {
    String caseId = api.reviewedKycCase("KYC-COCKPIT-" + UUID.randomUUID(), "escalate",
        "Source of funds unclear; compliance to decide");
    List<JsonNode> trace = SampleApi.events(api.get("/api/audit/traces/" + caseId, "alice", "alice").json(200));
    JsonNode modelCall = trace.stream().filter(e -> e.path("event_type").asText().equals("model_call"))
        .findFirst().orElseThrow();
    String promptVersion = modelCall.path("metadata").path("auditrail.prompt.version").asText();

    logIn("demo", "demo");
    openAuditTab(caseId);
    wait(30).until(ExpectedConditions.attributeToBe(By.cssSelector(AUDIT_TAB), "data-status", "loaded"));
    WebElement call = browser.findElement(By.id("event-" + modelCall.path("event_id").asText()));
    assertThat(call.getText()).contains("model_call", "Model\nauditrail-rule-based-responder-v1",
        "v" + promptVersion, "Tokens");
    JsonNode review = SampleApi.only(trace, "human_review", "reviewKyc");
    WebElement reviewed = browser.findElement(By.id("event-" + review.path("event_id").asText()));
    assertThat(reviewed.getText()).contains("Reviewer\nmary", "Action\nescalate",
        "Reason\nSource of funds unclear; compliance to decide");
    assertThat(browser.findElements(By.cssSelector(AUDIT_TAB + " li.event"))).hasSize(trace.size());
    screenshot("cockpit-audit-tab.png");

    WebElement aiBadges = wait(30).until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector(".auditrail-badges[data-activity-id='scoreRisk']")));
    assertThat(aiBadges.getText()).startsWith("AI ");
    assertThat(browser.findElement(By.cssSelector(".auditrail-badges[data-activity-id='reviewKyc']")).getText())
        .isEqualTo("Review 1Override 1");
    screenshot("cockpit-diagram-badges.png");
    // The action bar's download button is there for those who may read the trail.
    assertThat(wait(30).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("a.auditrail-bundle-action")))
        .getAttribute("href")).endsWith("/api/audit/traces/" + caseId + "/bundle");

    Path download = DOWNLOADS.resolve("case-" + caseId + ".zip");
    try (var files = Files.list(DOWNLOADS)) {
      for (Path old : files.toList()) {
        Files.deleteIfExists(old);
      }
    }
    browser.findElement(By.cssSelector(AUDIT_TAB + " a.auditrail-bundle")).click();
    Path zip = awaitDownload();
    assertThat(new String(Files.readAllBytes(zip), 0, 2, StandardCharsets.US_ASCII)).isEqualTo("PK");
    assertThat(zip.getFileName().toString()).endsWith(".zip").contains(caseId);
  }

  @Test
  void aCockpitUserOutsideTheAuditorGroupsSeesThatSheLacksTheRight() throws Exception {
    String caseId = api.reviewedKycCase("KYC-COCKPIT-" + UUID.randomUUID(), "escalate", "Compliance to decide");
    // Camunda's ids are letters and digits only.
    String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    String group = "operations" + suffix;
    String user = "olga" + suffix;
    String password = "olga-pass-" + suffix;
    List<String> authorizations = grantCockpitToOperator(group, user, password);
    try {
      logIn(user, password);
      openAuditTab(caseId);
      WebElement refused = wait(30).until(ExpectedConditions.presenceOfElementLocated(
          By.cssSelector(AUDIT_TAB + " p.auditrail-refused")));
      assertThat(refused.getText()).isEqualTo("You lack the right to see the audit trail: user '" + user
          + "' is not a member of any of the groups [auditors, camunda-admin] allowed to use this API");
      assertThat(browser.findElements(By.cssSelector(".auditrail-badges"))).isEmpty();
      assertThat(browser.findElements(By.cssSelector("a.auditrail-bundle-action"))).isEmpty();
      screenshot("cockpit-audit-tab-refused.png");
    } finally {
      for (String id : authorizations) {
        api.send("DELETE", "/engine-rest/authorization/" + id, "demo", "demo", null).status(204);
      }
      api.send("DELETE", "/engine-rest/user/" + user, "demo", "demo", null).status(204);
      api.send("DELETE", "/engine-rest/group/" + group, "demo", "demo", null).status(204);
    }
  }

  /**
   * A user of a group of its own that may use Cockpit and read KYC cases, and nothing of the audit API: the sample's
   * own users are either auditors or have no Cockpit (reviewers and compliance use Tasklist). Answers the ids of
   * the authorizations made.
   */
  private List<String> grantCockpitToOperator(String group, String user, String password) throws Exception {
    api.send("POST", "/engine-rest/group/create", "demo", "demo",
        "{\"id\":\"" + group + "\",\"name\":\"Operations\",\"type\":\"WORKFLOW\"}").status(204);
    api.send("POST", "/engine-rest/user/create", "demo", "demo", "{\"profile\":{\"id\":\"" + user
        + "\",\"firstName\":\"Olga\",\"lastName\":\"Operator\",\"email\":\"olga@bank.example\"},"
        + "\"credentials\":{\"password\":\"" + password + "\"}}").status(204);
    api.send("PUT", "/engine-rest/group/" + group + "/members/" + user, "demo", "demo", null).status(204);
    String cockpit = api.send("POST", "/engine-rest/authorization/create", "demo", "demo", "{\"type\":1,"
        + "\"permissions\":[\"ACCESS\"],\"groupId\":\"" + group + "\",\"resourceType\":0,\"resourceId\":\"cockpit\"}")
        .json(200).path("id").asText();
    String kyc = api.send("POST", "/engine-rest/authorization/create", "demo", "demo", "{\"type\":1,"
        + "\"permissions\":[\"READ\",\"READ_INSTANCE\"],\"groupId\":\"" + group + "\",\"resourceType\":6,"
        + "\"resourceId\":\"kycCheck\"}").json(200).path("id").asText();
    return List.of(cockpit, kyc);
  }

  private void logIn(String user, String password) throws Exception {
    browser.get("http://localhost:" + port + "/camunda/app/cockpit/default/#/login");
    logInToWebapp("cockpit", user, password);
  }

  private void openAuditTab(String caseId) {
    browser.get("http://localhost:" + port + "/camunda/app/cockpit/default/#/process-instance/" + caseId
        + "/runtime");
    WebElement tab = wait(60).until(ExpectedConditions.elementToBeClickable(
        By.xpath("//a[normalize-space(.)='Audit trail']")));
    tab.click();
    wait(30).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(AUDIT_TAB)));
  }

  private Path awaitDownload() throws Exception {
    for (int attempt = 0; attempt < 150; attempt++) {
      try (var files = Files.list(DOWNLOADS)) {
        List<Path> done = files.filter(file -> file.toString().endsWith(".zip")).toList();
        if (!done.isEmpty()) {
          return done.get(0);
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no evidence bundle was downloaded to " + DOWNLOADS + " within 30 seconds");
  }
}
