package org.auditrail.verify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.auditrail.verify.TestTimestampAuthority;
import org.auditrail.verify.bundle.BundleLayout;
import org.auditrail.verify.bundle.TestBundle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bundle's {@code checkpoint.tsr} is validated with {@code --tsa-certs} like the database's tokens: a good one
 * prints its trusted time, one over another note or from an untrusted authority is {@code timestamp_invalid}; without
 * the option the token is left unchecked, and said so.
 */
class AuditVerifyBundleTimestampTest {

  private static final Instant STAMPED = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  private final TestBundle bundle = new TestBundle();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private TestTimestampAuthority authority;
  private Path publicKey;
  private Path tsaCerts;
  private String complete;

  @TempDir Path directory;

  @BeforeEach
  void writeKeysAndCertificates() throws Exception {
    authority = new TestTimestampAuthority("Auditrail Test TSA");
    publicKey = Files.writeString(directory.resolve("public-keys.txt"), bundle.logKey.verifier().vkey() + "\n");
    tsaCerts = Files.writeString(directory.resolve("tsa.pem"), authority.certificatePem());
    complete = "  complete: 3 events of case case-1, trace summary at log index 6 sealed " + TestBundle.SEALED_AT
        + "\n";
  }

  @Test
  void aTokenOverTheBundlesCheckpointPrintsTheTrustedTime() throws Exception {
    stamp(authority, note());

    int status = run("--tsa-certs", tsaCerts.toString());

    assertThat(status).isZero();
    assertThat(out()).isEqualTo("verified: 3 events, 1 checkpoints, 2 blobs\n" + complete
        + "  note: checkpoint of size 7 time-stamped at " + STAMPED + " by CN=Auditrail Test TSA\n");
    assertThat(err()).isEmpty();
  }

  @Test
  void aTokenOverAnotherNoteIsInvalid() throws Exception {
    stamp(authority, "auditrail.example/log\n6\nAAAA\n");

    int status = run("--tsa-certs", tsaCerts.toString());

    assertThat(status).isEqualTo(1);
    assertThat(out()).startsWith("TAMPERING FOUND (1 findings); first: timestamp_invalid: the time-stamp token of"
        + " the checkpoint of size 7 is invalid: the token's message imprint ");
    assertThat(out()).contains(" is not the hash of the checkpoint note (");
  }

  @Test
  void aTokenOfAnUntrustedAuthorityIsInvalid() throws Exception {
    stamp(new TestTimestampAuthority("Intruder TSA"), note());

    int status = run("--tsa-certs", tsaCerts.toString());

    String finding = "timestamp_invalid: the time-stamp token of the checkpoint of size 7 is invalid: the TSA"
        + " certificate CN=Intruder TSA is neither trusted nor issued by a trusted certificate";
    assertThat(status).isEqualTo(1);
    assertThat(out()).isEqualTo("TAMPERING FOUND (1 findings); first: " + finding + "\n  " + finding + "\n");
  }

  @Test
  void withoutTrustedCertificatesTheTokenIsNotChecked() throws Exception {
    stamp(new TestTimestampAuthority("Intruder TSA"), note());

    int status = run();

    assertThat(status).isZero();
    assertThat(out()).isEqualTo("verified: 3 events, 1 checkpoints, 2 blobs\n" + complete
        + "  note: checkpoint.tsr was not checked: no trusted time-stamp authority certificates were given"
        + " (--tsa-certs)\n");
  }

  @Test
  void aBundleWithoutTokenHasNothingToCheck() throws Exception {
    int status = run("--tsa-certs", tsaCerts.toString());

    assertThat(status).isZero();
    assertThat(out()).isEqualTo("verified: 3 events, 1 checkpoints, 2 blobs\n" + complete);
  }

  private String note() {
    return new String(bundle.entries.get(BundleLayout.CHECKPOINT), StandardCharsets.UTF_8);
  }

  private void stamp(TestTimestampAuthority by, String note) throws Exception {
    bundle.entries.put(BundleLayout.CHECKPOINT_TIMESTAMP, by.stamp(note, Date.from(STAMPED)));
  }

  private int run(String... options) throws Exception {
    String[] args = new String[options.length + 4];
    args[0] = "--bundle";
    args[1] = bundle.write(directory).toString();
    args[2] = "--public-key";
    args[3] = publicKey.toString();
    System.arraycopy(options, 0, args, 4, options.length);
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
