package org.auditrail.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A reviewer completes the KYC review in the real Camunda Tasklist, in headless Chromium, and the audit trail names
 * her with what she submitted. Needs Debian's chromium and chromium-driver (.ci/run installs them); skipped with a
 * message where they are missing.
 */
class TasklistReviewBrowserTest extends RunningSampleApplication {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  WebDriver browser;

  @BeforeEach
  void openBrowser() throws Exception {
    assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "browser test skipped: Debian's chromium and chromium-driver are not installed"
            + " (apt-get install chromium chromium-driver)");
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
    // The flags keep Chromium from reaching out to the network this machine does not have.
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--window-size=1400,1200", "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
    browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .build(), options);
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  /**
   * Logs in through Tasklist's form. The form can be rendered anew while Tasklist starts, swallowing what was typed,
   * so a login that does not arrive is tried again, with a screenshot of each miss.
   */
  private void logIn(String user) throws Exception {
    for (int attempt = 1; attempt <= 3; attempt++) {
      WebElement name = new WebDriverWait(browser, Duration.ofSeconds(60))
          .until(ExpectedConditions.elementToBeClickable(By.cssSelector("input[ng-model='username']")));
      name.clear();
      name.sendKeys(user);
      WebElement password = browser.findElement(By.cssSelector("input[ng-model='password']"));
      password.clear();
      password.sendKeys(user);
      browser.findElement(By.cssSelector("button[type='submit']")).click();
      try {
        // Tasklist removes its login form once the session is there.
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(
            ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("input[ng-model='username']")));
        return;
      } catch (TimeoutException e) {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve("login-attempt-" + attempt + ".png"),
            ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
      }
    }
    throw new AssertionError("Tasklist did not log in " + user + " after 3 attempts; see " + SCREENSHOTS);
  }

  @Test
  void aReviewerCompletesTheKycReviewInTasklistAndTheTrailNamesHer() throws Exception {
    String caseId = api.send("POST", "/engine-rest/process-definition/key/kycCheck/start", "demo", "demo",
        "{\"businessKey\":\"KYC-TASKLIST-1\",\"variables\":{\"customerName\":{\"value\":\"Olga Ivanova\"},"
            + "\"country\":{\"value\":\"IR\"},\"documentType\":{\"value\":\"passport\"}}}").json(200)
        .path("id").asText();
    String taskId = api.awaitTask(caseId, "mary", "mary").path("id").asText();

    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
    browser.get("http://localhost:" + port + "/camunda/app/tasklist/default/");
    logIn("mary");

    browser.get("http://localhost:" + port + "/camunda/app/tasklist/default/#/?task=" + taskId);
    wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//button[normalize-space()='Claim']"))).click();
    WebElement decision = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("input[name='decision']")));
    assertThat(browser.findElement(By.cssSelector("input[name='customerName']")).getAttribute("value"))
        .isEqualTo("Olga Ivanova");
    assertThat(browser.findElement(By.cssSelector("input[name='riskRationale']")).getAttribute("value"))
        .startsWith("Risk factors: residence in high-risk third country IR.");
    decision.sendKeys("approve");
    browser.findElement(By.cssSelector("input[name='reviewReason']")).sendKeys("Source of funds documented");
    Files.createDirectories(SCREENSHOTS);
    Files.write(SCREENSHOTS.resolve("kyc-review-form.png"),
        ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    WebElement complete = browser.findElement(By.xpath("//button[normalize-space()='Complete']"));
    // The form is taller than the window; bring the button above Tasklist's footer before clicking it.
    ((org.openqa.selenium.JavascriptExecutor) browser)
        .executeScript("arguments[0].scrollIntoView({block: 'center'});", complete);
    complete.click();

    JsonNode completed = null;
    for (int attempt = 0; completed == null && attempt < 50; attempt++) {
      Thread.sleep(200); // Tasklist completes the task with its own REST call after the click
      List<JsonNode> events = StreamSupport.stream(api.get("/api/audit/traces/" + caseId, "alice", "alice")
          .json(200).path("events").spliterator(), false).toList();
      completed = events.stream().filter(e -> e.path("event_type").asText().equals("task_completed"))
          .findFirst().orElse(null);
    }
    assertThat(completed).as("task_completed event of case %s", caseId).isNotNull();
    assertThat(completed.path("actor").toString()).isEqualTo("{\"id\":\"mary\",\"run_id\":null,\"type\":\"user\"}");
    assertThat(completed.path("output").path("variables").path("decision").path("value").asText())
        .isEqualTo("approve");
    assertThat(completed.path("output").path("variables").path("reviewReason").path("value").asText())
        .isEqualTo("Source of funds documented");
  }
}
