package org.auditrail.verify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.auditrail.verify.bundle.BundleLayout;
import org.auditrail.verify.bundle.TestBundle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditVerifyBundleTest {

  private final TestBundle bundle = new TestBundle();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @TempDir Path directory;
  private Path publicKey;

  @BeforeEach
  void writePublicKey() throws Exception {
    publicKey = Files.writeString(directory.resolve("public-keys.txt"), bundle.logKey.verifier().vkey() + "\n");
  }

  @Test
  void anIntactBundleExitsZeroWithTheSummary() throws Exception {
    int status = run("--bundle", bundle.write(directory).toString(), "--public-key", publicKey.toString());

    assertThat(status).isZero();
    assertThat(out()).isEqualTo("verified: 3 events, 1 checkpoints, 2 blobs\n  complete: 3 events of case case-1,"
        + " trace summary at log index 6 sealed " + TestBundle.SEALED_AT + "\n");
    assertThat(err()).isEmpty();
  }

  @Test
  void aTamperedBundleExitsOneWithTheFindings() throws Exception {
    bundle.entries.remove(BundleLayout.blob(TestBundle.sha256(TestBundle.BPMN)));

    int status = run("--bundle", bundle.write(directory).toString(), "--public-key", publicKey.toString());

    String sha256 = TestBundle.sha256(TestBundle.BPMN);
    String finding = "blob_missing event " + TestBundle.eventId(1) + " at log index 1: the event references"
        + " content " + sha256 + ", which is not stored and which no sealed payload_expired event names";
    assertThat(status).isEqualTo(1);
    assertThat(out()).isEqualTo("TAMPERING FOUND (1 findings); first: " + finding + "\n  " + finding + "\n");
  }

  @Test
  void aBundleWithALeftOutEventExitsOneNamingTheGap() throws Exception {
    bundle.entries.remove(BundleLayout.event(3));
    bundle.entries.remove(BundleLayout.proof(3));
    bundle.entries.remove(BundleLayout.traceProof(3));

    int status = run("--bundle", bundle.write(directory).toString(), "--public-key", publicKey.toString());

    String gap = "deleted: trace position 1 of 3 is missing: after event " + TestBundle.eventId(1)
        + " (log index 1), before event " + TestBundle.eventId(4) + " (log index 4)";
    assertThat(status).isEqualTo(1);
    assertThat(out()).isEqualTo("TAMPERING FOUND (2 findings); first: deleted: bundle.json counts 3 events, but"
        + " the bundle holds 2\n  deleted: bundle.json counts 3 events, but the bundle holds 2\n  " + gap + "\n");
  }

  @Test
  void bundleAndDatabaseTogetherAreAUsageError() throws Exception {
    int status = run("--bundle", bundle.write(directory).toString(), "--jdbc", "jdbc:h2:mem:x", "--public-key",
        publicKey.toString());

    assertThat(status).isEqualTo(2);
    assertThat(err()).startsWith("option --jdbc cannot be used with --bundle: a bundle is verified without a"
        + " database\nusage: java -jar audit-verify.jar --jdbc URL");
    assertThat(out()).isEmpty();
  }

  @Test
  void neitherBundleNorDatabaseIsAUsageError() {
    assertThat(run("--public-key", publicKey.toString())).isEqualTo(2);
    assertThat(err()).startsWith("missing option: --jdbc or --bundle\nusage: ");
  }

  @Test
  void aFileThatIsNoBundleCannotBeVerified() throws Exception {
    Path notABundle = Files.writeString(directory.resolve("case.zip"), "not a zip");

    assertThat(run("--bundle", notABundle.toString(), "--public-key", publicKey.toString())).isEqualTo(2);
    assertThat(err()).startsWith("cannot verify: " + notABundle + " is not a readable ZIP file: ");
  }

  @Test
  void aBundleBeyondAConfiguredLimitCannotBeVerified() throws Exception {
    Path zip = bundle.write(directory);

    int status = run("--bundle", zip.toString(), "--public-key", publicKey.toString(), "--max-entry-bytes", "100");

    assertThat(status).isEqualTo(2);
    assertThat(err()).matches("cannot verify: " + java.util.regex.Pattern.quote(zip.toString())
        + ": entry \\S+ unpacks to more than the limit of 100 bytes \\(--max-entry-bytes\\)\n");
    assertThat(out()).isEmpty();
  }

  @Test
  void aLimitThatIsNoPositiveNumberIsAUsageError() throws Exception {
    int status = run("--bundle", bundle.write(directory).toString(), "--public-key", publicKey.toString(),
        "--max-entries", "0");

    assertThat(status).isEqualTo(2);
    assertThat(err()).startsWith("option --max-entries needs a positive whole number, but was: 0\nusage: ");
  }

  @Test
  void aLimitWithoutBundleIsAUsageError() {
    assertThat(run("--jdbc", "jdbc:h2:mem:x", "--public-key", publicKey.toString(), "--max-entries", "5"))
        .isEqualTo(2);
    assertThat(err()).startsWith("option --max-entries can only be used with --bundle\nusage: ");
  }

  private int run(String... args) {
    return AuditVerify.run(args, null, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
