package org.auditrail.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.auditrail.verify.InclusionProof;
import org.auditrail.verify.MerkleTree;
import org.auditrail.verify.NoteSigner;
import org.auditrail.verify.Rfc6962;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;

/**
 * An auditor verifies a reviewed KYC case on its console page in headless Chromium, with the verifier key she
 * pinned: the page reaches "verified"; when the server serves the case's bundle with the review's decision altered,
 * the page fails naming that event; and when her pinned key is not the key the log signs with, the page warns and
 * fails. The page's proof check agrees with the offline verifier's trees and refuses every altered proof.
 */
class BrowserVerificationTest extends RunningSampleInBrowser {

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

    String failed;
    ServedBundleTampering.TAMPER.set(true);
    try {
      browser.get(casePage);
      failed = awaitResult("failed");
    } finally {
      ServedBundleTampering.TAMPER.set(false);
    }
    String altered = ServedBundleTampering.ALTERED_EVENT.get();
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

  @Test
  void theBrowsersProofCheckAgreesWithTheVerifiersTreesAndRefusesEveryAlteredProof() {
    List<Map<String, Object>> vectors = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    Map<Integer, String> roots = new LinkedHashMap<>();
    for (int size = 1; size <= 9; size++) {
      List<byte[]> leaves = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        leaves.add(Rfc6962.leafHash(("leaf " + i).getBytes(StandardCharsets.UTF_8)));
      }
      MerkleTree tree = new MerkleTree(leaves);
      byte[] root = tree.root(size);
      roots.put(size, HexFormat.of().formatHex(root));
      for (int index = 0; index < size; index++) {
        InclusionProof proof = tree.inclusionProof(index, size);
        vectors.add(vector(index, size, proof.hashes(), leaves.get(index), root));
        expected.add("ok");
      }
      if (size == 7) {
        List<byte[]> hashes = tree.inclusionProof(3, 7).hashes();
        List<byte[]> flipped = new ArrayList<>(hashes);
        flipped.set(1, flipped.get(1).clone());
        flipped.get(1)[0] ^= 0x01;
        vectors.add(vector(3, 7, flipped, leaves.get(3), root));
        expected.add("computed root ");
        vectors.add(vector(3, 7, hashes.subList(0, 2), leaves.get(3), root));
        expected.add("inclusion proof for leaf 3 in a tree of 7 must have 3 hashes, but has 2");
        List<byte[]> padded = new ArrayList<>(hashes);
        padded.add(root);
        vectors.add(vector(3, 7, padded, leaves.get(3), root));
        expected.add("inclusion proof for leaf 3 in a tree of 7 must have 3 hashes, but has 4");
        vectors.add(vector(4, 7, hashes, leaves.get(3), root));
        expected.add("computed root ");
        vectors.add(vector(7, 7, hashes, leaves.get(3), root));
        expected.add("leaf index 7 is not below the tree size 7");
        vectors.add(vector(3, 7, hashes, leaves.get(4), root));
        expected.add("computed root ");
      }
    }
    browser.get("http://alice:alice@localhost:" + port + "/audit/cases/vectors");
    browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    @SuppressWarnings("unchecked")
    Map<String, Object> results = (Map<String, Object>) ((JavascriptExecutor) browser).executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
        + "const bytes = (b64) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));"
        + "import(location.origin + '/audit/assets/verify.js').then(async (verify) => {"
        + "  const proofs = [];"
        + "  for (const t of arguments[0]) {"
        + "    try {"
        + "      await verify.verifyInclusion(t.index, t.size, t.hashes.map(bytes), bytes(t.leaf), bytes(t.root));"
        + "      proofs.push('ok');"
        + "    } catch (e) { proofs.push(e.message); }"
        + "  }"
        + "  const roots = {};"
        + "  for (let size = 1; size <= 9; size++) {"
        + "    const leaves = [];"
        + "    for (let i = 0; i < size; i++) leaves.push(await verify.leafHash(new TextEncoder().encode('leaf ' + i)));"
        + "    roots[size] = verify.hex(await verify.merkleRoot(leaves));"
        + "  }"
        + "  done({ proofs, roots });"
        + "}, (e) => done({ proofs: ['import failed: ' + e.message], roots: {} }));", vectors);
    @SuppressWarnings("unchecked")
    List<String> proofs = (List<String>) results.get("proofs");
    assertThat(proofs).hasSize(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      assertThat(proofs.get(i)).as("vector %d: %s", i, vectors.get(i)).startsWith(expected.get(i));
    }
    Map<String, String> browserRoots = new LinkedHashMap<>();
    roots.forEach((size, root) -> browserRoots.put(String.valueOf(size), root));
    assertThat(results.get("roots")).isEqualTo(browserRoots);
  }

  private static Map<String, Object> vector(long index, long size, List<byte[]> hashes, byte[] leaf, byte[] root) {
    Base64.Encoder base64 = Base64.getEncoder();
    return Map.of("index", index, "size", size, "hashes", hashes.stream().map(base64::encodeToString).toList(),
        "leaf", base64.encodeToString(leaf), "root", base64.encodeToString(root));
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
}
