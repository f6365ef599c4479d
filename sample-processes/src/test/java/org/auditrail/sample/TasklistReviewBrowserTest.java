package org.auditrail.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A reviewer reviews the AI's KYC risk rating in the real Camunda Tasklist, in headless Chromium: the trail holds her
 * review with the diff from the AI draft and her reason; an override without a reason and a four-eyes violation are
 * refused with their message in Tasklist, and nothing is recorded as approved.
 */
class TasklistReviewBrowserTest extends RunningSampleInBrowser {

  /**
   * Logs in through Tasklist's form. The form can be rendered anew while Tasklist starts, swallowing what was typed,
   * so a login that does not arrive is tried again, with a screenshot of each miss.
   */
  private void logIn(String user) throws Exception {
    for (int attempt = 1; attempt <= 3; attempt++) {
      WebElement name = wait(60)
          .until(ExpectedConditions.elementToBeClickable(By.cssSelector("input[ng-model='username']")));
      name.clear();
      name.sendKeys(user);
      WebElement password = browser.findElement(By.cssSelector("input[ng-model='password']"));
      password.clear();
      password.sendKeys(user);
      browser.findElement(By.cssSelector("button[type='submit']")).click();
      try {
        // Tasklist removes its login form once the session is there.
        wait(20).until(
            ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("input[ng-model='username']")));
        return;
      } catch (TimeoutException e) {
        screenshot("login-attempt-" + attempt + ".png");
      }
    }
    throw new AssertionError("Tasklist did not log in " + user + " after 3 attempts; see " + SCREENSHOTS);
  }

  @Test
  void aReviewerEditsTheAiDraftInTasklistAndTheTrailHoldsHerReviewWithTheDiffAndReason() throws Exception {
    String caseId = startKycCase("demo", "KYC-TASKLIST-1", "Olga Ivanova");
    String taskId = api.awaitTask(caseId, "mary", "mary").path("id").asText();
    openAsReviewer("mary", taskId);
    assertThat(field("customerName").getAttribute("value")).isEqualTo("Olga Ivanova");
    assertThat(field("riskRationale").getAttribute("value"))
        .startsWith("Risk factors: residence in high-risk third country IR.");
    assertThat(field("riskLevel").getAttribute("value")).isEqualTo("high");
    type("riskLevel", "medium");
    type("decision", "approve");
    type("reviewReason", "Source of funds documented; long-standing customer");
    screenshot("kyc-review-form.png");
    complete();

    JsonNode review = awaitEvent(caseId, "human_review");
    assertThat(review.path("actor").toString()).isEqualTo("{\"id\":\"mary\",\"run_id\":null,\"type\":\"user\"}");
    assertThat(review.path("output").path("action").asText()).isEqualTo("edit");
    assertThat(review.path("output").path("patch").toString())
        .isEqualTo("[{\"fromValue\":\"high\",\"op\":\"replace\",\"path\":\"/riskLevel\",\"value\":\"medium\"}]");
    assertThat(review.path("output").path("reason").asText())
        .isEqualTo("Source of funds documented; long-standing customer");
    assertThat(review.path("metadata").path("reviewer_groups").toString()).isEqualTo("[\"reviewers\"]");
    assertThat(review.path("metadata").has("claimed_at")).isTrue();
    List<JsonNode> events = SampleApi.events(api.get("/api/audit/traces/" + caseId, "alice", "alice").json(200));
    List<JsonNode> opened = events.stream()
        .filter(event -> event.path("event_type").asText().equals("task_form_opened")).toList();
    assertThat(opened).isNotEmpty();
    assertThat(opened.get(0).path("actor").path("id").asText()).isEqualTo("mary");
    assertThat(review.path("input").path("shown").get(0).path("form").path("content_sha256").asText())
        .isEqualTo(opened.get(0).path("output").path("form").path("content_sha256").asText());
    assertThat(api.get("/api/audit/blobs/" + opened.get(0).path("output").path("form").path("content_sha256")
        .asText(), "alice", "alice").text()).contains("\"riskRationale\"").contains("\"riskLevel\"");
  }

  @Test
  void tasklistRefusesAnOverrideWithoutAReasonAndAFourEyesViolation() throws Exception {
    String caseId = startKycCase("demo", "KYC-TASKLIST-2", "Piotr Nowak");
    String taskId = api.awaitTask(caseId, "mary", "mary").path("id").asText();
    openAsReviewer("mary", taskId);
    type("riskScore", "35");
    type("decision", "approve");
    complete();
    assertShown("A reason is required: you changed the AI draft (riskScore). Explain why in 'reviewReason'");
    screenshot("kyc-review-reason-missing.png");

    String ownCaseId = startKycCase("mary", "KYC-TASKLIST-3", "Lena Schmidt");
    String ownTaskId = api.awaitTask(ownCaseId, "mary", "mary").path("id").asText();
    openTask(ownTaskId);
    type("decision", "approve");
    complete();
    assertShown("Four-eyes rule: mary started this case and may not approve its AI draft.");
    screenshot("kyc-review-four-eyes.png");

    for (String id : List.of(caseId, ownCaseId)) {
      List<JsonNode> events = SampleApi.events(api.get("/api/audit/traces/" + id, "alice", "alice").json(200));
      assertThat(events).noneMatch(event -> event.path("event_type").asText().equals("human_review")
          || event.path("event_type").asText().equals("task_completed"));
      assertThat(SampleApi.only(events, "review_refused", "reviewKyc").path("actor").path("id").asText())
          .isEqualTo("mary");
    }
    assertThat(api.get("/engine-rest/task/" + taskId, "mary", "mary").status()).isEqualTo(200);
    assertThat(SampleApi.only(SampleApi.events(api.get("/api/audit/traces/" + ownCaseId, "alice", "alice")
        .json(200)), "review_refused", "reviewKyc").path("error").path("type").asText()).isEqualTo("four_eyes");
  }

  private String startKycCase(String user, String businessKey, String customer) throws Exception {
    return api.send("POST", "/engine-rest/process-definition/key/kycCheck/start", user, user,
        "{\"businessKey\":\"" + businessKey + "\",\"variables\":{"
            + "\"customerNumber\":{\"value\":\"C-" + customer.hashCode() + "\"},"
            + "\"customerName\":{\"value\":\"" + customer + "\"},\"country\":{\"value\":\"IR\"},"
            + "\"documentType\":{\"value\":\"passport\"}}}").json(200)
        .path("id").asText();
  }

  private void openAsReviewer(String user, String taskId) throws Exception {
    browser.get("http://localhost:" + port + "/camunda/app/tasklist/default/");
    logIn(user);
    openTask(taskId);
  }

  private void openTask(String taskId) {
    browser.get("http://localhost:" + port + "/camunda/app/tasklist/default/#/?task=" + taskId);
    wait(60).until(ExpectedConditions.elementToBeClickable(By.xpath("//button[normalize-space()='Claim']")))
        .click();
    wait(60).until(ExpectedConditions.elementToBeClickable(By.cssSelector("input[name='decision']")));
  }

  private WebElement field(String name) {
    return browser.findElement(By.cssSelector("input[name='" + name + "']"));
  }

  private void type(String name, String value) {
    WebElement input = field(name);
    input.clear();
    input.sendKeys(value);
  }

  private void complete() {
    WebElement complete = browser.findElement(By.xpath("//button[normalize-space()='Complete']"));
    // The form is taller than the window; bring the button above Tasklist's footer before clicking it.
    ((org.openqa.selenium.JavascriptExecutor) browser)
        .executeScript("arguments[0].scrollIntoView({block: 'center'});", complete);
    complete.click();
  }

  /** Waits until Tasklist shows a notification with the text. */
  private void assertShown(String text) {
    wait(20).until(ExpectedConditions.presenceOfElementLocated(By.xpath("//*[contains(normalize-space(.), \""
        + text.replace("\"", "") + "\") and not(*[contains(normalize-space(.), \"" + text.replace("\"", "")
        + "\")])]")));
  }

  private JsonNode awaitEvent(String caseId, String type) throws Exception {
    for (int attempt = 0; attempt < 50; attempt++) {
      List<JsonNode> found = SampleApi.events(api.get("/api/audit/traces/" + caseId, "alice", "alice").json(200))
          .stream().filter(event -> event.path("event_type").asText().equals(type)).toList();
      if (!found.isEmpty()) {
        return found.get(0);
      }
      Thread.sleep(200); // Tasklist completes the task with its own REST call after the click
    }
    throw new AssertionError("no " + type + " event in case " + caseId + " after 10 seconds");
  }

}
