package org.auditrail.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.auditrail.report.ReportMonth;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A compliance officer downloads a monthly report from the reports page in Chromium and generates one; a reviewer is
 * refused.
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
}
