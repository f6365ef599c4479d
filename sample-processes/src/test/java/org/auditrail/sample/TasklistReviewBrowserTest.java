package org.auditrail.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.Keys;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A reviewer reviews the AI's KYC risk rating in the real Camunda Tasklist, in headless Chromium, in the Camunda Form
 * deployed with the process (the rationale in full, the sources the AI retrieved, model and prompt version, selects
 * for the decision and the risk level): the trail holds what the form showed, by hash, and her review with the diff
 * from the AI draft and her reason; the invoice form shows the vendor lookup the AI made; an override without a reason and a four-eyes violation are
 * refused with their message in Tasklist, and nothing is recorded as approved.
 */
class TasklistReviewBrowserTest extends RunningSampleInBrowser {

  @Test
  void aReviewerSeesTheDraftWithItsSourcesInTheCamundaFormAndTheTrailHoldsWhatSheSawAndDecided() throws Exception {
    String caseId = startKycCase("demo", "KYC-TASKLIST-1", "Olga Ivanova");
    String taskId = api.awaitTask(caseId, "mary", "mary").path("id").asText();
    openAsReviewer("mary", taskId);
    assertThat(value("customerName")).isEqualTo("Olga Ivanova");
    assertThat(value("riskRationale")).startsWith("Risk factors: residence in high-risk third country IR.");
    assertThat(value("riskEvidenceModel")).isEqualTo("kyc-risk-model: auditrail-rule-based-responder-v1 (offline)");
    assertThat(value("riskEvidencePrompt")).isEqualTo("kyc-risk-rating 1.0.0");
    String sources = value("riskEvidenceSources");
    assertThat(sources).startsWith("1. ").containsPattern("\\.md \\(score 0\\.\\d\\d\\)\\n\\S");
    assertThat(field("riskRationale").getTagName()).isEqualTo("textarea");
    assertThat(selected("riskLevel")).isEqualTo("high");
    choose("riskLevel", "medium");
    choose("decision", "approve");
    type("reviewReason", "Source of funds documented; long-standing customer");
    screenshot("tasklist-kyc-form.png");
    ((org.openqa.selenium.JavascriptExecutor) browser)
        .executeScript("arguments[0].scrollIntoView({block: 'start'});", field("riskEvidenceModel"));
    screenshot("tasklist-kyc-form-sources.png");
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
    JsonNode form = awaitFormOpened(caseId, review);
    assertThat(form.path("form_key").asText()).isEqualTo("kyc-review");
    assertThat(names(form.path("field_names"))).contains("riskRationale", "riskLevel", "riskScore",
        "riskEvidenceModel", "riskEvidencePrompt", "riskEvidenceSources");
    String shown = api.get("/api/audit/blobs/" + form.path("content_sha256").asText(), "alice", "alice").text();
    assertThat(shown).contains("\"riskEvidenceSources\"").contains("kyc-risk-rating 1.0.0")
        .contains(SampleApi.JSON.writeValueAsString(sources));
    assertThat(shown).doesNotContain("Olga Ivanova");
  }

  @Test
  void aReviewerSeesTheVendorLookupTheAiMadeInTheInvoiceForm() throws Exception {
    String caseId = api.send("POST", "/engine-rest/process-definition/key/invoiceApproval/start", "demo", "demo",
        "{\"businessKey\":\"INV-TASKLIST-1\",\"variables\":{\"vendor\":{\"value\":\"Sunrise Catering BV\"},"
            + "\"invoiceNumber\":{\"value\":\"INV-2026-000077\"},\"amount\":{\"value\":18400,\"type\":\"Long\"}}}")
        .json(200).path("id").asText();
    String taskId = api.awaitTask(caseId, "mary", "mary").path("id").asText();
    openAsReviewer("mary", taskId, "approved");
    assertThat(value("approvalEvidenceTools")).isEqualTo("lookupVendor {\"vendorName\":\"Sunrise Catering BV\"} returned"
        + " {\"vendorName\":\"Sunrise Catering BV\",\"found\":true,\"country\":\"NL\",\"bankDetailsVerified\":true,"
        + "\"paymentTermsDays\":14,\"riskFlags\":[\"bank account changed 3 days before the invoice\"]}");
    assertThat(value("approvalEvidenceModel"))
        .isEqualTo("invoice-draft-model: auditrail-rule-based-responder-v1 (offline)");
    assertThat(value("aiRecommendation")).isEqualTo("reject");
    choose("approved", "reject payment");
    type("approvalReason", "Bank account changed just before the invoice; calling the vendor first");
    screenshot("tasklist-invoice-form.png");
    complete();

    JsonNode review = awaitEvent(caseId, "human_review");
    assertThat(review.path("output").path("action").asText()).isEqualTo("reject");
    JsonNode form = awaitFormOpened(caseId, review);
    assertThat(form.path("form_key").asText()).isEqualTo("invoice-review");
    assertThat(names(form.path("field_names"))).contains("approvalEvidenceTools", "aiDraftReason");
    assertThat(api.get("/engine-rest/history/variable-instance?processInstanceId=" + caseId + "&variableName=approved",
        "demo", "demo").json(200).get(0).path("type").asText()).isEqualTo("Boolean");
  }

  @Test
  void tasklistRefusesAnOverrideWithoutAReasonAndAFourEyesViolation() throws Exception {
    String caseId = startKycCase("demo", "KYC-TASKLIST-2", "Piotr Nowak");
    String taskId = api.awaitTask(caseId, "mary", "mary").path("id").asText();
    openAsReviewer("mary", taskId);
    type("riskScore", "35");
    choose("decision", "approve");
    complete();
    assertShown("A reason is required: you changed the AI draft (riskScore). Explain why in 'reviewReason'");
    screenshot("kyc-review-reason-missing.png");

    String ownCaseId = startKycCase("mary", "KYC-TASKLIST-3", "Lena Schmidt");
    String ownTaskId = api.awaitTask(ownCaseId, "mary", "mary").path("id").asText();
    openTask(ownTaskId);
    choose("decision", "approve");
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
    openAsReviewer(user, taskId, "decision");
  }

  private void openAsReviewer(String user, String taskId, String decisionField) throws Exception {
    browser.get("http://localhost:" + port + "/camunda/app/tasklist/default/");
    logInToWebapp("tasklist", user, user);
    openTask(taskId, decisionField);
  }

  private void openTask(String taskId) {
    openTask(taskId, "decision");
  }

  private void openTask(String taskId, String decisionField) {
    browser.get("http://localhost:" + port + "/camunda/app/tasklist/default/#/?task=" + taskId);
    dismissNotifications();
    wait(60).until(ExpectedConditions.elementToBeClickable(By.xpath("//button[normalize-space()='Claim']")))
        .click();
    wait(60).until(ExpectedConditions.presenceOfElementLocated(fieldLocator(decisionField)));
  }

  /** A form-js field by its component id (form-js renders it as fjs-form-{form instance}-{component id}). */
  private static By fieldLocator(String id) {
    return By.cssSelector(".fjs-form [id$='-" + id + "']");
  }

  private WebElement field(String id) {
    return browser.findElement(fieldLocator(id));
  }

  private String value(String id) {
    return field(id).getDomProperty("value");
  }

  /** The label of a form-js select's chosen value. */
  private String selected(String id) {
    return field(id).findElement(By.xpath("ancestor::*[contains(@class,'fjs-form-field')][1]"))
        .findElement(By.cssSelector(".fjs-select-display")).getText().strip();
  }

  /** Opens a form-js select and picks the value with the label. */
  private void choose(String id, String label) throws Exception {
    WebElement container = field(id).findElement(By.xpath("ancestor::*[contains(@class,'fjs-form-field')][1]"));
    click(container.findElement(By.cssSelector(".fjs-input-group")));
    wait(10).until(ExpectedConditions.elementToBeClickable(container.findElement(By.xpath(
        ".//*[contains(@class,'fjs-dropdownlist-item') and normalize-space()='" + label + "']")))).click();
  }

  /**
   * Replaces a field's value by typing, as a reviewer does: form-js renders its inputs anew from its own state, so
   * WebElement.clear() can be undone (a number field then reads "6035"); select all and type over it instead.
   */
  private void type(String id, String value) {
    WebElement input = field(id);
    input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
    input.sendKeys(value);
    wait(5).until(ignored -> value.equals(input.getDomProperty("value")));
  }

  /** The task_form_opened whose hash the review names as what the reviewer was shown. */
  private JsonNode awaitFormOpened(String caseId, JsonNode review) throws Exception {
    String shown = review.path("input").path("shown").get(0).path("form").path("content_sha256").asText();
    List<JsonNode> opened = SampleApi.events(api.get("/api/audit/traces/" + caseId, "alice", "alice").json(200))
        .stream().filter(event -> event.path("event_type").asText().equals("task_form_opened")).toList();
    assertThat(opened).isNotEmpty();
    assertThat(opened.get(0).path("actor").path("id").asText()).isEqualTo("mary");
    JsonNode form = opened.get(0).path("output").path("form");
    assertThat(form.path("content_sha256").asText()).isEqualTo(shown);
    return form;
  }

  private void complete() throws Exception {
    click(browser.findElement(By.xpath("//button[normalize-space()='Complete']")));
  }

  /**
   * Clicks an element of the task view as a reviewer would: scrolled to the middle of the window, after closing a
   * notification that lies over it, and again while Tasklist is still laying out a task it just opened (the form is
   * taller than the window and moves while it renders).
   */
  private void click(WebElement element) throws Exception {
    for (int attempt = 1; ; attempt++) {
      ((org.openqa.selenium.JavascriptExecutor) browser)
          .executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
      try {
        element.click();
        return;
      } catch (ElementClickInterceptedException e) {
        if (attempt == 20) {
          screenshot("tasklist-click-intercepted.png");
          throw e;
        }
        dismissNotifications();
        Thread.sleep(250);
      }
    }
  }

  /** Closes the notifications Tasklist shows (they stay until closed and can lie over the form). */
  private void dismissNotifications() {
    ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("document.querySelectorAll("
        + "\".page-notifications button.close[ng-click^='removeNotification']\").forEach(b => b.click());");
    wait(10).until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".page-notifications .alert")));
  }

  /** Waits until Tasklist shows a notification with the text. */
  private void assertShown(String text) throws Exception {
    try {
      wait(20).until(ExpectedConditions.presenceOfElementLocated(By.xpath("//*[contains(normalize-space(.), \""
          + text.replace("\"", "") + "\") and not(*[contains(normalize-space(.), \"" + text.replace("\"", "")
          + "\")])]")));
    } catch (TimeoutException e) {
      screenshot("tasklist-not-shown.png");
      throw new AssertionError("Tasklist did not show \"" + text + "\"; its notifications: "
          + browser.findElements(By.cssSelector(".page-notifications .alert")).stream().map(WebElement::getText)
              .toList() + " (screenshot tasklist-not-shown.png)", e);
    }
  }

  private static List<String> names(JsonNode array) {
    List<String> names = new java.util.ArrayList<>();
    array.forEach(name -> names.add(name.asText()));
    return names;
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
