package org.auditrail.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.auditrail.verify.cli.AuditVerify;
import org.junit.jupiter.api.Test;

/**
 * A KYC case exported over HTTP as an evidence bundle and verified offline with the command line verifier and the
 * log's public keys alone, before and after one byte of one event was changed.
 */
class CaseBundleHttpTest extends RunningSampleApplication {

  private static final ObjectMapper JSON = SampleApi.JSON;
  private static final Path BUNDLES = Path.of("target", "case-bundles");


  @Test
  void aReviewedCaseExportsABundleThatVerifiesOfflineUntilOneByteChanges() throws Exception {
    String caseId = api.reviewedKycCase("KYC-BUNDLE-1");
    SampleApi.Reply bundle = bundleOnceSealed(caseId);
    assertThat(bundle.status()).as(new String(bundle.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    assertThat(bundle.headers().firstValue("Content-Type")).hasValue("application/zip");
    assertThat(bundle.headers().firstValue("Content-Disposition"))
        .hasValue("attachment; filename=\"case-" + caseId + ".zip\"");
    Files.createDirectories(BUNDLES);
    Path zip = Files.write(BUNDLES.resolve("case-" + caseId + ".zip"), bundle.body());
    Path keys = Files.write(BUNDLES.resolve("public-keys-" + caseId + ".txt"),
        api.get("/api/audit/public-keys", "alice", "alice").body());
    JsonNode trace = JSON.readTree(api.get("/api/audit/traces/" + caseId, "alice", "alice").body());
    int eventCount = trace.path("event_count").asInt();
    // The BPMN, and from the AI task: prompt, messages, answers, retrieved segments, index manifest, snapshots.
    Set<String> blobs = new TreeSet<>();
    for (String field : List.of("content_sha256", "bpmn_sha256", "schema_sha256", "snapshot_id",
        "snapshot_sha256", "previous_snapshot_sha256")) {
      blobs.addAll(trace.path("events").findValuesAsText(field));
    }
    assertThat(blobs).hasSizeGreaterThan(5);

    Verification intact = verify(zip, keys);
    assertThat(intact.status()).as(intact.err()).isZero();
    JsonNode summary = JSON.readTree(entry(zip, "trace/summary.json"));
    assertThat(summary.path("output").path("trace_event_count").asInt()).isEqualTo(eventCount);
    assertThat(intact.out())
        .isEqualTo("verified: " + eventCount + " events, 1 checkpoints, " + blobs.size() + " blobs\n"
            + "  complete: " + eventCount + " events of case " + caseId + ", trace summary at log index "
            + JSON.readTree(entry(zip, "trace/summary-proof.json")).path("leaf_index").asLong() + " sealed "
            + summary.path("timestamp").asText() + "\n");

    Path tampered = BUNDLES.resolve("case-" + caseId + "-tampered.zip");
    String changedEvent = flipOneByteOfFirstEvent(zip, tampered);
    Verification found = verify(tampered, keys);
    assertThat(found.status()).isEqualTo(1);
    // The changed bytes are no longer the sealed event, nor a leaf of the case's tree: the case lacks its first event.
    assertThat(found.out()).startsWith("TAMPERING FOUND (3 findings); first: modified event " + changedEvent
        + " at log index ");
    assertThat(found.out()).contains(": the event is not in the signed checkpoint: computed root ");
    assertThat(found.out()).contains("\n  inserted event " + changedEvent + " at log index ");
    assertThat(found.out()).contains("\n  deleted: trace position 0 of " + eventCount + " is missing: before event ");

    // One event left out, with its proofs, and bundle.json edited to match: the case's own tree shows the gap.
    Path thinned = BUNDLES.resolve("case-" + caseId + "-thinned.zip");
    List<String> kept = leaveOutFifthEvent(zip, thinned);
    Verification gap = verify(thinned, keys);
    assertThat(gap.status()).isEqualTo(1);
    assertThat(gap.out()).isEqualTo("TAMPERING FOUND (1 findings); first: deleted: trace position 4 of " + eventCount
        + " is missing: after event " + kept.get(0) + ", before event " + kept.get(1) + "\n"
        + "  deleted: trace position 4 of " + eventCount + " is missing: after event " + kept.get(0) + ", before event "
        + kept.get(1) + "\n");
  }

  @Test
  void anUnknownCaseHasNoBundle() throws Exception {
    SampleApi.Reply response = api.get("/api/audit/traces/no-such-case/bundle", "alice", "alice");

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"type\":"
        + "\"https://auditrail.org/problems/unknown_case\",\"title\":\"Unknown case\",\"status\":404,\"detail\":"
        + "\"no audit events for process instance 'no-such-case'\",\"instance\":"
        + "\"/api/audit/traces/no-such-case/bundle\",\"code\":\"unknown_case\",\"parameter\":\"processInstanceId\"}");
  }

  @Test
  void theBundleNeedsCredentials() throws Exception {
    SampleApi.Reply response = api.get("/api/audit/traces/no-such-case/bundle", null, null);

    assertThat(response.status()).isEqualTo(401);
    assertThat(JSON.readTree(response.body()).path("code").asText()).isEqualTo("unauthenticated");
  }

  /** Asks for the bundle every 200 ms, for at most 10 s, while the case's newest events are still being sealed. */
  private SampleApi.Reply bundleOnceSealed(String caseId) throws Exception {
    SampleApi.Reply response = api.get("/api/audit/traces/" + caseId + "/bundle", "alice", "alice");
    for (int attempt = 1; response.status() == 409 && attempt < 50; attempt++) {
      JsonNode error = JSON.readTree(response.body());
      assertThat(error.path("code").asText()).isEqualTo("not_yet_sealed");
      assertThat(error.path("detail").asText()).contains(" events of case " + caseId)
          .contains("not yet sealed into a signed checkpoint; retry after the sealing interval");
      Thread.sleep(200);
      response = api.get("/api/audit/traces/" + caseId + "/bundle", "alice", "alice");
    }
    return response;
  }

  /**
   * Copies the bundle without its fifth event, that event's proofs, and with bundle.json's count lowered; answers
   * the events around the gap as the verifier names them: "&lt;id&gt; (log index &lt;n&gt;)".
   */
  private static List<String> leaveOutFifthEvent(Path zip, Path thinned) throws IOException {
    List<String> events = new ArrayList<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(Files.readAllBytes(zip)))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        if (entry.getName().startsWith("events/")) {
          events.add(entry.getName().substring("events/".length(), entry.getName().length() - ".json".length()));
        }
      }
    }
    events.sort(null);
    String left = events.get(4);
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(Files.readAllBytes(zip)));
        OutputStream file = Files.newOutputStream(thinned);
        ZipOutputStream out = new ZipOutputStream(file)) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        byte[] content = in.readAllBytes();
        if (entry.getName().endsWith("/" + left + ".json")) {
          continue;
        }
        if (entry.getName().equals("bundle.json")) {
          ObjectNode manifest = (ObjectNode) JSON.readTree(content);
          manifest.put("event_count", manifest.path("event_count").asInt() - 1);
          content = JSON.writeValueAsBytes(manifest);
        }
        out.putNextEntry(new ZipEntry(entry.getName()));
        out.write(content);
        out.closeEntry();
      }
    }
    List<String> around = new ArrayList<>();
    for (String index : List.of(events.get(3), events.get(5))) {
      around.add(JSON.readTree(entry(zip, "events/" + index + ".json")).path("event_id").asText() + " (log index "
          + Long.parseLong(index) + ")");
    }
    return around;
  }

  private static byte[] entry(Path zip, String name) throws IOException {
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(Files.readAllBytes(zip)))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        if (entry.getName().equals(name)) {
          return in.readAllBytes();
        }
      }
    }
    throw new IOException(zip + " holds no " + name);
  }

  /** Copies the bundle with one byte of its first event's type changed; answers that event's id. */
  private static String flipOneByteOfFirstEvent(Path zip, Path tampered) throws IOException {
    String changedEvent = null;
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(Files.readAllBytes(zip)));
        OutputStream file = Files.newOutputStream(tampered);
        ZipOutputStream out = new ZipOutputStream(file)) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        byte[] content = in.readAllBytes();
        if (changedEvent == null && entry.getName().startsWith("events/")) {
          changedEvent = JSON.readTree(content).path("event_id").asText();
          String field = "\"event_type\":\"";
          content[new String(content, StandardCharsets.UTF_8).indexOf(field) + field.length()] ^= 0x01;
        }
        out.putNextEntry(new ZipEntry(entry.getName()));
        out.write(content);
        out.closeEntry();
      }
    }
    return changedEvent;
  }

  private static Verification verify(Path bundle, Path keys) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = AuditVerify.run(new String[] {"--bundle", bundle.toString(), "--public-key", keys.toString()},
        null, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Verification(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private record Verification(int status, String out, String err) {}
}
