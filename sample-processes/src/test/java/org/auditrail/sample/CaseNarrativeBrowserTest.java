package org.auditrail.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.auditrail.ai.RuleBasedChatModel;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * An auditor summarizes a reviewed KYC case on its page in Chromium: the narrative is marked as AI-written with
 * its model and prompt version, every sentence's citations link to events of the case, and the dropped count shows.
 */
class CaseNarrativeBrowserTest extends RunningSampleInBrowser {

  @Test
  void anAuditorSummarizesACaseAndEverySentenceLinksToTheEventsItCites() throws Exception {
    String caseId = api.reviewedKycCase("KYC-NARRATIVE-BROWSER");
    List<String> eventIds = api.get("/api/audit/traces/" + caseId, "alice", "alice").json(200).path("events")
        .findValuesAsText("event_id");
    browser.get("http://alice:alice@localhost:" + port + "/audit/cases/" + caseId);
    wait(30).until(ExpectedConditions.textToBePresentInElementLocated(By.id("narrative-status"),
        "No narrative has been recorded for this case yet."));

    browser.findElement(By.id("narrative-summarize")).click();
    wait(60).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#narrative-sentences li")));

    assertThat(browser.findElement(By.id("narrative-ai-written")).getText())
        .startsWith("AI-written by model " + RuleBasedChatModel.MODEL_ID + " (offline, configuration case-narrative)"
            + " with prompt case-narrative@1.0.0, asked for by alice at ");
    List<WebElement> sentences = browser.findElements(By.cssSelector("#narrative-sentences li"));
    assertThat(sentences).hasSizeGreaterThan(3);
    assertThat(sentences.get(0).findElement(By.className("narrative-text")).getText())
        .startsWith("The case was started by demo on ");
    for (WebElement sentence : sentences) {
      List<WebElement> citations = sentence.findElements(By.cssSelector("a.citation"));
      assertThat(citations).as(sentence.getText()).isNotEmpty();
      for (WebElement citation : citations) {
        String eventId = citation.getAttribute("data-event-id");
        assertThat(eventIds).contains(eventId);
        assertThat(citation.getAttribute("href")).endsWith("/audit/cases/" + caseId + "#event-" + eventId);
      }
    }
    assertThat(browser.findElement(By.id("narrative-dropped")).getText())
        .isEqualTo("Sentences dropped by the check: 0");
    assertThat(browser.findElement(By.id("narrative-risk-tags")).getText()).isEqualTo("AI-proposed risk tags: none");
    screenshot("case-narrative.png");
  }
}
