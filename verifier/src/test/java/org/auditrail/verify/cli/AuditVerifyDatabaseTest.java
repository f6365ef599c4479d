package org.auditrail.verify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.auditrail.verify.NoteSigner;
import org.auditrail.verify.jdbc.CommandTables;
import org.auditrail.verify.jdbc.CommandTables.TestEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bounds on late sealing and unsigned age are off unless given: a log whose second event was sealed two hours
 * after its time and whose third no checkpoint covers verifies without them, and fails with them.
 */
class AuditVerifyDatabaseTest {

  private static final String BACKDATED = "backdated event e-1 at log index 1: the event's time stamp"
      + " 2026-01-12T09:30:01.000Z is PT2H before it was sealed at 2026-01-12T11:30:01.000Z, more than the bound of"
      + " PT1H";
  private static final String UNSIGNED = "unsigned event e-2 at log index 2: 1 sealed events older than PT1H are"
      + " covered by no verified checkpoint (the log is signed up to tree size 2); the oldest is of"
      + " 2026-01-12T09:30:02.000Z";

  private final NoteSigner signer = NoteSigner.generate("test", new SecureRandom());
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private CommandTables log;
  private Path publicKey;

  @TempDir Path directory;

  @BeforeEach
  void writeLog() throws Exception {
    publicKey = Files.writeString(directory.resolve("public-keys.txt"), signer.verifier().vkey() + "\n");
    log = new CommandTables("command-layout.sql");
    for (int n = 0; n < 3; n++) {
      log.command("c-" + n, TestEvent.of(n, "t-1", "bk-1", "pi-1"));
    }
    log.seal(CommandTables.time("2026-01-12T09:31:00.000Z"), "c-0");
    log.seal(CommandTables.time("2026-01-12T11:30:01.000Z"), "c-1");
    log.checkpoint(signer);
    log.seal(CommandTables.time("2026-01-12T09:31:00.000Z"), "c-2");
  }

  @AfterEach
  void close() throws Exception {
    log.close();
  }

  @Test
  void withoutTheBoundsALateAndAnUnsignedEventAreNoFindings() {
    int status = run("--jdbc", log.url, "--public-key", publicKey.toString());

    assertThat(status).isZero();
    assertThat(out()).isEqualTo("verified: 3 events, 1 checkpoints, 0 blobs; 1 newest events not yet in a"
        + " checkpoint\n  note: " + AuditVerify.NO_OUTSIDE_CHECKPOINT + "\n");
  }

  @Test
  void withBothBoundsTheLateAndTheUnsignedEventAreFindings() {
    int status = run("--jdbc", log.url, "--max-seal-delay", "PT1H", "--max-unsigned-age", "PT1H",
        "--public-key", publicKey.toString());

    assertThat(status).isEqualTo(1);
    assertThat(out()).isEqualTo("TAMPERING FOUND (2 findings); first: " + BACKDATED + "\n  " + BACKDATED + "\n  "
        + UNSIGNED + "\n  note: " + AuditVerify.NO_OUTSIDE_CHECKPOINT + "\n");
  }

  @Test
  void aBoundThatIsNoDurationIsAUsageErrorNamingTheOption() {
    int status = run("--jdbc", log.url, "--max-seal-delay", "1h", "--public-key", publicKey.toString());

    assertThat(status).isEqualTo(2);
    assertThat(err()).startsWith("option --max-seal-delay needs a positive ISO-8601 duration such as PT1H, but"
        + " was: 1h\nusage: ");
  }

  @Test
  void aBoundWithABundleIsAUsageError() {
    int status = run("--bundle", directory.resolve("case.zip").toString(), "--max-unsigned-age", "PT1H",
        "--public-key", publicKey.toString());

    assertThat(status).isEqualTo(2);
    assertThat(err()).startsWith("option --max-unsigned-age cannot be used with --bundle: a bundle is verified"
        + " without a database\n");
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
