package org.auditrail.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * An auditor in the auditor console, in headless Chromium: she finds a case by its business key, opens its page,
 * and the timeline shows every event of the case as an element with the event's id, the AI call with its model and
 * the prompt on demand, as text.
 */
class AuditConsoleBrowserTest extends RunningSampleInBrowser {

  @Test
  void anAuditorFindsACaseByBusinessKeyAndReadsItsTimeline() throws Exception {
    String key = "KYC-CONSOLE-" + UUID.randomUUID();
    String caseId = api.reviewedKycCase(key);
    List<JsonNode> trace = SampleApi.events(api.get("/api/audit/traces/" + caseId, "alice", "alice").json(200));

    browser.get("http://alice:alice@localhost:" + port + "/audit");
    wait(30).until(ExpectedConditions.presenceOfElementLocated(By.id("search-businessKey"))).sendKeys(key);
    browser.findElement(By.cssSelector("#case-search button[type='submit']")).click();
    WebElement row = wait(30).until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("#case-results tr[data-case-id='" + caseId + "']")));
    assertThat(browser.findElement(By.id("search-status")).getText()).isEqualTo("1 case(s); page 1 of 1");
    assertThat(row.getText()).contains(caseId, "kycCheck", String.valueOf(trace.size()));
    screenshot("audit-console-search.png");

    row.findElement(By.linkText(caseId)).click();
    wait(30).until(ExpectedConditions.attributeToBe(By.id("timeline"), "data-status", "loaded"));
    List<WebElement> shown = browser.findElements(By.cssSelector("#timeline li.event"));
    assertThat(shown.stream().map(element -> element.getAttribute("id")).toList())
        .containsExactlyInAnyOrderElementsOf(trace.stream().map(e -> "event-" + e.path("event_id").asText())
            .toList());
    JsonNode review = SampleApi.only(trace, "human_review", "reviewKyc");
    assertThat(browser.findElement(By.id("event-" + review.path("event_id").asText())).getText())
        .contains("Reviewer\nmary", "Reason\nPassport verified in person");
    JsonNode modelCall = trace.stream().filter(e -> e.path("event_type").asText().equals("model_call"))
        .findFirst().orElseThrow();
    WebElement call = browser.findElement(By.id("event-" + modelCall.path("event_id").asText()));
    assertThat(call.getText()).contains("Model\nauditrail-rule-based-responder-v1");
    call.findElement(By.cssSelector("button.show-content")).click();
    WebElement prompt = wait(30).until(ExpectedConditions.visibilityOf(
        call.findElement(By.cssSelector("pre.content-text"))));
    wait(30).until(driver -> !prompt.getText().isEmpty());
    assertThat(prompt.getText()).doesNotStartWith("Could not load");
    assertThat(browser.findElement(By.id("cockpit-link")).getAttribute("href"))
        .endsWith("/camunda/app/cockpit/default/#/process-instance/" + caseId + "/runtime");
    screenshot("audit-case-timeline.png");
  }

  @Test
  void anAuditorSeesOpenAlertsAndTheCasePageAnAlertGroupMemberAcknowledgesThere() throws Exception {
    String ruleId = api.operatorActionRule("Operator actions (console)");
    JsonNode alert = api.alertOnSuspendedCase(ruleId, "KYC-ALERT-" + UUID.randomUUID());
    String alertId = alert.path("id").asText();
    String caseId = alert.path("case").asText();

    browser.get("http://alice:alice@localhost:" + port + "/audit");
    WebElement row = wait(30).until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("#alerts tr[data-alert-id='" + alertId + "']")));
    assertThat(browser.findElement(By.cssSelector("#alerts h2")).getText()).isEqualTo("Open alerts");
    assertThat(row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList()).containsExactly(
        alert.path("raised_at").asText(), "Operator actions (console) (operator_action)",
        "1 operator action in case " + caseId, caseId, "open");
    assertThat(row.findElements(By.cssSelector("form.acknowledge"))).isEmpty(); // alice only reads alerts
    screenshot("audit-console-alerts.png");
    row.findElement(By.linkText(caseId)).click();
    WebElement onCase = wait(30).until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("#alerts tr[data-alert-id='" + alertId + "']")));
    assertThat(browser.findElement(By.cssSelector("#alerts h2")).getText()).isEqualTo("Alerts about this case");
    assertThat(onCase.getAttribute("data-state")).isEqualTo("open");

    browser.manage().deleteAllCookies();
    browser.get("http://demo:demo@localhost:" + port + "/audit/cases/" + caseId);
    WebElement open = wait(30).until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("#alerts tr[data-alert-id='" + alertId + "'] form.acknowledge")));
    open.findElement(By.cssSelector("button[type='submit']")).click(); // without a reason: refused in the page
    assertThat(open.findElement(By.cssSelector("span.failed")).getText()).isEqualTo("A reason is required.");
    open.findElement(By.name("reason")).sendKeys("Suspended for the console test");
    open.findElement(By.cssSelector("button[type='submit']")).click();
    WebElement acknowledged = wait(30).until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("#alerts tr[data-alert-id='" + alertId + "'][data-state='acknowledged']")));
    JsonNode stored = api.get("/api/alerts?state=acknowledged", "alice", "alice").json(200).path("alerts");
    JsonNode acknowledgement = StreamSupport.stream(stored.spliterator(), false)
        .filter(a -> a.path("id").asText().equals(alertId)).findFirst().orElseThrow().path("acknowledged");
    assertThat(acknowledged.findElement(By.cssSelector("td.alert-state")).getText())
        .isEqualTo("acknowledged by demo at " + acknowledgement.path("at").asText()
            + ": Suspended for the console test");
    screenshot("audit-case-alert-acknowledged.png");
  }
}
