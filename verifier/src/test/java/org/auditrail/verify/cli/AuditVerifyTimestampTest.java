package org.auditrail.verify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HexFormat;
import org.auditrail.verify.NoteSigner;
import org.auditrail.verify.TestTimestampAuthority;
import org.auditrail.verify.jdbc.CommandTables;
import org.auditrail.verify.jdbc.CommandTables.TestEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code --tsa-certs}, every stored time-stamp token is validated against its checkpoint's note: a valid one
 * prints its trusted time, one over another note is a finding. Without the option, tokens are not read.
 */
class AuditVerifyTimestampTest {

  private static final Instant STAMPED = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  private final NoteSigner signer = NoteSigner.generate("test", new SecureRandom());
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private CommandTables log;
  private Path publicKey;
  private Path tsaCerts;
  private String secondNote;

  @TempDir Path directory;

  @BeforeEach
  void writeStampedLog() throws Exception {
    TestTimestampAuthority authority = new TestTimestampAuthority("Auditrail Test TSA");
    publicKey = Files.writeString(directory.resolve("public-keys.txt"), signer.verifier().vkey() + "\n");
    tsaCerts = Files.writeString(directory.resolve("tsa.pem"), authority.certificatePem());
    log = new CommandTables("command-layout.sql");
    log.command("c-0", TestEvent.of(0, "t-1", "bk-1", "pi-1"));
    log.seal("c-0");
    log.checkpoint(signer);
    log.timestamp(1, authority.stamp(log.note(1), Date.from(STAMPED)));
    log.command("c-1", TestEvent.of(1, "t-1", "bk-1", "pi-1"));
    log.seal("c-1");
    log.checkpoint(signer);
    secondNote = log.note(2);
    // The token of the first checkpoint, stored again for the second.
    log.timestamp(2, authority.stamp(log.note(1), Date.from(STAMPED)));
  }

  @AfterEach
  void close() throws Exception {
    log.close();
  }

  @Test
  void aTokenOverAnotherNoteIsAFindingAndAValidOnePrintsItsTrustedTime() throws Exception {
    int status = run("--jdbc", log.url, "--tsa-certs", tsaCerts.toString(), "--public-key", publicKey.toString());

    String invalid = "timestamp_invalid: the time-stamp token of the checkpoint of size 2 is invalid: the token's"
        + " message imprint " + sha256Hex(log.note(1)) + " is not the hash of the checkpoint note ("
        + sha256Hex(secondNote) + ")";
    assertThat(status).isEqualTo(1);
    assertThat(out()).isEqualTo("TAMPERING FOUND (1 findings); first: " + invalid + "\n  " + invalid
        + "\n  note: checkpoint of size 1 time-stamped at " + STAMPED + " by CN=Auditrail Test TSA"
        + "\n  note: " + AuditVerify.NO_OUTSIDE_CHECKPOINT + "\n");
  }

  @Test
  void withoutTrustedCertificatesTheTokensAreNotRead() {
    int status = run("--jdbc", log.url, "--public-key", publicKey.toString());

    assertThat(status).isZero();
    assertThat(out()).isEqualTo("verified: 2 events, 2 checkpoints, 0 blobs\n  note: "
        + AuditVerify.NO_OUTSIDE_CHECKPOINT + "\n");
  }

  private static String sha256Hex(String text) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(text.getBytes(StandardCharsets.UTF_8)));
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
