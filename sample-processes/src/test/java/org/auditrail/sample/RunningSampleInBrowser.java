package org.auditrail.sample;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The running sample application in headless Chromium. Needs Debian's chromium and chromium-driver (.ci/run installs
 * them); the tests are skipped with a message where they are missing.
 */
abstract class RunningSampleInBrowser extends RunningSampleApplication {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target", "screenshots");
  static final Path DOWNLOADS = Path.of("target", "downloads").toAbsolutePath();

  WebDriver browser;

  @BeforeEach
  void openBrowser() throws Exception {
    assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "browser test skipped: Debian's chromium and chromium-driver are not installed"
            + " (apt-get install chromium chromium-driver)");
    Files.createDirectories(DOWNLOADS);
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
    // The flags keep Chromium from reaching out to the network this machine does not have.
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--window-size=1400,1200", "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
    options.setExperimentalOption("prefs", Map.of("download.default_directory", DOWNLOADS.toString(),
        "download.prompt_for_download", false, "plugins.always_open_pdf_externally", true));
    browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .build(), options);
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  WebDriverWait wait(int seconds) {
    return new WebDriverWait(browser, Duration.ofSeconds(seconds));
  }

  /**
   * Logs in through a webapp's login form (Tasklist, Cockpit) at the page the browser shows. The form can be
   * rendered anew while the webapp starts, swallowing what was typed, so a login that does not arrive is tried
   * again, with a screenshot of each miss.
   */
  void logInToWebapp(String app, String user, String password) throws Exception {
    for (int attempt = 1; attempt <= 3; attempt++) {
      WebElement name = wait(60)
          .until(ExpectedConditions.elementToBeClickable(By.cssSelector("input[ng-model='username']")));
      name.clear();
      name.sendKeys(user);
      WebElement secret = browser.findElement(By.cssSelector("input[ng-model='password']"));
      secret.clear();
      secret.sendKeys(password);
      browser.findElement(By.cssSelector("button[type='submit']")).click();
      try {
        // The webapp removes its login form once the session is there.
        wait(20).until(
            ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("input[ng-model='username']")));
        return;
      } catch (TimeoutException e) {
        screenshot(app + "-login-attempt-" + attempt + ".png");
      }
    }
    throw new AssertionError(app + " did not log in " + user + " after 3 attempts; see " + SCREENSHOTS);
  }

  void screenshot(String name) throws Exception {
    Files.createDirectories(SCREENSHOTS);
    Files.write(SCREENSHOTS.resolve(name), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
  }
}
