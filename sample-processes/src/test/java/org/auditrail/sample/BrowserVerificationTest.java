package org.auditrail.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.auditrail.verify.NoteSigner;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * An auditor verifies a reviewed KYC case on its console page in headless Chromium, with the verifier key she
 * pinned: the page reaches "verified"; when the server serves the case's bundle with the review's decision altered,
 * the page fails naming that event; and when her pinned key is not the key the log signs with, the page warns and
 * fails.
 */
class BrowserVerificationTest extends RunningSampleInBrowser {

  /** Whether the server alters the human review in the bundles it serves, and the event it altered. */
  static final AtomicBoolean TAMPER = new AtomicBoolean();
  static final AtomicReference<String> ALTERED_EVENT = new AtomicReference<>();

  @Test
  void theAuditorsBrowserVerifiesTheCaseWithHerPinnedKeyAndFailsOnATamperedEventOrAnotherKey() throws Exception {
    String caseId = api.reviewedKycCase("KYC-BROWSER-VERIFY-1");
    int eventCount = api.get("/api/audit/traces/" + caseId, "alice", "alice").json(200).path("event_count").asInt();
    String serverKey = api.get("/api/audit/public-keys", "alice", "alice").text().split("\n")[0];
    String casePage = "http://alice:alice@localhost:" + port + "/audit/cases/" + caseId;

    browser.get(casePage);
    assertThat(awaitResult("unpinned")).isEqualTo("Not verified: no verifier key is pinned in this browser. Enter"
        + " the log’s verifier key (log.vkey, from your own records) to check this case.");
    assertThat(browser.findElement(By.id("trust-server-note")).getText())
        .startsWith("The server’s current key is " + serverKey + ". Trusting it proves only");
    pin(serverKey);
    awaitResult("verified");

    long opened = System.nanoTime();
    browser.get(casePage);
    String verified = awaitResult("verified");
    long millis = (System.nanoTime() - opened) / 1_000_000;
    System.out.println("BrowserVerificationTest: case page opened to verified in " + millis + " ms ("
        + eventCount + " events)");
    assertThat(verified).startsWith("Verified in your browser: " + eventCount + " events of case " + caseId
        + " are in the log’s checkpoint of size ").contains(", signed by your pinned key; the case is complete"
        + " (trace summary at log index ");
    assertThat(browser.findElement(By.id("pinned-key")).getText())
        .startsWith("Pinned verifier key: " + serverKey.split("\\+")[0] + " (key id " + serverKey.split("\\+")[1]
            + "), fingerprint SHA-256 ");
    assertThat(browser.findElement(By.id("key-warning")).isDisplayed()).isFalse();
    assertThat(browser.findElements(By.cssSelector("#verified-events details[data-verified='verified']")))
        .hasSize(eventCount);
    WebElement firstEvent = browser.findElement(By.cssSelector("#verified-events details"));
    firstEvent.findElement(By.tagName("summary")).click();
    assertThat(firstEvent.findElement(By.tagName("pre")).getText()).isEqualTo(firstEventOfBundle(caseId));
    assertTimelineMarks(SampleApi.JSON.readTree(firstEventOfBundle(caseId)).path("event_id").asText());
    screenshot("browser-verification-verified.png");

    TAMPER.set(true);
    browser.get(casePage);
    String failed = awaitResult("failed");
    TAMPER.set(false);
    String altered = ALTERED_EVENT.get();
    assertThat(altered).as("the human review the server altered").isNotNull();
    assertThat(failed).startsWith("Failed: 3 findings; first: inclusion: event " + altered + " (log index ")
        .contains("): the event is not in the signed checkpoint: computed root ");
    assertThat(browser.findElement(By.id("verification-findings")).getText())
        .contains("completeness: event " + altered + " (log index ")
        .contains("the event is not one of the " + eventCount + " events the trace summary covers");
    assertThat(browser.findElements(By.cssSelector("#verified-events details[data-verified='failed']")))
        .hasSize(1);
    screenshot("browser-verification-failed.png");

    String otherKey = NoteSigner.generate(serverKey.split("\\+")[0], new SecureRandom()).verifier().vkey();
    pin(otherKey);
    String forged = awaitResult("failed");
    assertThat(forged).isEqualTo("Failed: 1 finding; first: signature: the checkpoint is not signed by your pinned"
        + " key " + nameAndKeyId(otherKey) + " (signed as " + nameAndKeyId(serverKey) + ")");
    assertThat(browser.findElement(By.id("key-warning")).getText()).isEqualTo("Warning: the server’s current"
        + " verifier key " + serverKey + " differs from your pinned key " + otherKey + ". Only your pinned key is"
        + " trusted here; find out why before you pin another.");
    assertThat(browser.findElements(By.cssSelector("#verified-events details[data-verified='unchecked']")))
        .hasSize(eventCount);
    screenshot("browser-verification-other-key.png");
  }

  /** name+keyid of a vkey, whose base64 key may itself hold '+'. */
  private static String nameAndKeyId(String vkey) {
    String[] fields = vkey.split("\\+", 3);
    return fields[0] + "+" + fields[1];
  }

  /**
   * Marks in the timeline: the timeline renders its events after the verification may have finished, so an event
   * element added later is marked too (one of the case, if the timeline has not rendered it, and one it lacks).
   */
  private void assertTimelineMarks(String eventId) {
    ((JavascriptExecutor) browser).executeScript("const timeline = document.getElementById('timeline');"
        + "for (const id of ['event-' + arguments[0], 'event-not-in-this-case']) {"
        + "  if (document.getElementById(id) === null) {"
        + "    timeline.append(Object.assign(document.createElement('div'), { id }));"
        + "  }"
        + "}", eventId);
    wait(10).until(driver -> "verified".equals(driver.findElement(By.id("event-" + eventId))
        .getAttribute("data-verified")));
    wait(10).until(driver -> "not-in-bundle".equals(driver.findElement(By.id("event-not-in-this-case"))
        .getAttribute("data-verified")));
  }

  /** The first event of the case's bundle, exactly as the server exports it. */
  private String firstEventOfBundle(String caseId) throws Exception {
    byte[] zip = api.get("/api/audit/traces/" + caseId + "/bundle", "alice", "alice").body();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        if (entry.getName().startsWith("events/")) {
          return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
    }
    throw new AssertionError("the bundle of case " + caseId + " holds no event");
  }

  private void pin(String vkey) {
    WebElement input = browser.findElement(By.id("verifier-key"));
    input.clear();
    input.sendKeys(vkey);
    browser.findElement(By.id("pin-key-button")).click();
  }

  /** Waits for the section to reach a status other than pending; answers its result text once it is the expected one. */
  private String awaitResult(String expected) {
    WebElement section = browser.findElement(By.id("browser-verification"));
    try {
      wait(60).until(driver -> {
        String status = driver.findElement(By.id("browser-verification")).getAttribute("data-status");
        return status != null && !status.equals("pending");
      });
    } catch (TimeoutException e) {
      throw new AssertionError("the verification is still pending after 60 s: " + section.getText(), e);
    }
    String result = browser.findElement(By.id("verification-result")).getText();
    assertThat(section.getAttribute("data-status")).as(result).isEqualTo(expected);
    return result;
  }

  /** Alters the human review's decision in the bundle the server answers, while {@link #TAMPER} is set. */
  @TestConfiguration(proxyBeanMethods = false)
  static class TamperingServer {

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> tamperingBundleFilter() {
      FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
          new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                FilterChain chain) throws ServletException, IOException {
              if (!TAMPER.get() || !request.getRequestURI().endsWith("/bundle")) {
                chain.doFilter(request, response);
                return;
              }
              ContentCachingResponseWrapper cached = new ContentCachingResponseWrapper(response);
              chain.doFilter(request, cached);
              byte[] body = cached.getContentAsByteArray();
              if (cached.getStatus() == 200) {
                body = alterHumanReview(body);
              }
              response.setContentLength(body.length);
              response.getOutputStream().write(body);
            }
          });
      registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
      return registration;
    }
  }

  static byte[] alterHumanReview(byte[] zip) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
        ZipOutputStream out = new ZipOutputStream(bytes)) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        byte[] content = in.readAllBytes();
        String text = new String(content, StandardCharsets.UTF_8);
        if (entry.getName().startsWith("events/") && text.contains("\"event_type\":\"human_review\"")
            && text.contains("\"approve\"")) {
          JsonNode event = SampleApi.JSON.readTree(content);
          ALTERED_EVENT.set(event.path("event_id").asText());
          content = text.replaceFirst("\"approve\"", "\"decline\"").getBytes(StandardCharsets.UTF_8);
        }
        out.putNextEntry(new ZipEntry(entry.getName()));
        out.write(content);
        out.closeEntry();
      }
    }
    return bytes.toByteArray();
  }
}
