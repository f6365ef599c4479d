package org.auditrail.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.auditrail.report.ReportMonth;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A compliance officer downloads a monthly report from the reports page in Chromium and generates one, and sees the
 * open alerts above the reports; a reviewer is refused.
 */
class ComplianceReportBrowserTest extends RunningSampleInBrowser {

  @Test
  void complianceDownloadsTheReportAndAReviewerIsRefused() throws Exception {
    String month = ReportMonth.current().previous().id();
    Path download = DOWNLOADS.resolve("compliance-report-" + month + ".pdf");
    Files.deleteIfExists(download);
    browser.get("http://carol:carol@localhost:" + port + "/reports/compliance");
    wait(30).until(ExpectedConditions.presenceOfElementLocated(By.id("month-" + month)));
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Monthly compliance reports");
    screenshot("compliance-reports-page.png");
    browser.findElement(By.cssSelector("#month-" + month + " a.pdf")).click();
    for (int attempt = 0; attempt < 150 && !Files.exists(download); attempt++) {
      Thread.sleep(200); // the first download of a month generates and archives it
    }
    assertThat(download).exists();
    byte[] pdf = Files.readAllBytes(download);
    assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");

    // Generate sends a same-origin JSON request (a plain form post would be refused); the page then shows progress.
    String current = ReportMonth.current().id();
    browser.findElement(By.cssSelector("#month-" + current + " button.generate")).click();
    wait(60).until(ExpectedConditions.textToBePresentInElementLocated(By.id("month-" + current), "done"));
    assertThat(browser.findElement(By.id("problem")).isDisplayed()).isFalse();

    browser.manage().deleteAllCookies();
    browser.get("http://mary:mary@localhost:" + port + "/reports/compliance");
    wait(30).until(ExpectedConditions.presenceOfElementLocated(By.tagName("body")));
    assertThat(browser.findElement(By.tagName("body")).getText())
        .contains("user 'mary' is not a member of any of the groups [compliance, camunda-admin]");
    screenshot("compliance-reports-refused.png");
  }

  @Test
  void theReportsPageListsOpenAlertsAboveTheReports() throws Exception {
    String ruleId = api.operatorActionRule("Operator actions (reports page)");
    JsonNode alert = api.alertOnSuspendedCase(ruleId, "KYC-REPORTS-ALERT-" + UUID.randomUUID());
    String caseId = alert.path("case").asText();

    browser.get("http://carol:carol@localhost:" + port + "/reports/compliance");
    WebElement row = wait(30).until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("#open-alerts-table tr[data-alert-id='" + alert.path("id").asText() + "']")));
    assertThat(row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList()).containsExactly(
        alert.path("raised_at").asText(), "Operator actions (reports page) (operator_action)",
        "1 operator action in case " + caseId, caseId);
    assertThat(row.findElement(By.linkText(caseId)).getAttribute("href")).endsWith("/audit/cases/" + caseId);
    // Above the reports: the alerts section comes before the months' table in the page.
    assertThat(browser.findElements(By.cssSelector("#open-alerts ~ #months"))).hasSize(1);
    screenshot("reports-open-alerts.png");
  }
}
