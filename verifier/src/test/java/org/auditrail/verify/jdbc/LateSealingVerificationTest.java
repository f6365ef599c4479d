package org.auditrail.verify.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.auditrail.verify.NoteSigner;
import org.auditrail.verify.jdbc.CommandTables.TestEvent;
import org.auditrail.verify.log.Finding;
import org.auditrail.verify.log.VerificationBounds;
import org.auditrail.verify.log.VerificationReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Within the bounds an operator sets, the verifier reports events sealed long after their time stamp (backdated)
 * and old events that no verified checkpoint covers: a log in the per-command layout, one event per command row,
 * verified at 12:00 on the day its events were written.
 */
class LateSealingVerificationTest {

  private static final Duration HOUR = Duration.ofHours(1);
  private static final Clock NOON = Clock.fixed(Instant.parse("2026-01-12T12:00:00Z"), ZoneOffset.UTC);

  private final NoteSigner signer = NoteSigner.generate("test", new SecureRandom());
  private CommandTables log;

  @BeforeEach
  void createTables() throws Exception {
    log = new CommandTables("command-layout.sql");
  }

  @AfterEach
  void close() throws Exception {
    log.close();
  }

  @Test
  void anEventSealedTwoHoursAfterItsTimeIsBackdatedWhenTheBoundIsAnHour() throws Exception {
    sealAt("2026-01-12T09:31:00.000Z", 0);
    sealAt("2026-01-12T11:30:01.000Z", 1);
    log.checkpoint(signer);

    assertThat(findings(new VerificationBounds(HOUR, null, NOON))).containsExactly("backdated event e-1 at log"
        + " index 1: the event's time stamp 2026-01-12T09:30:01.000Z is PT2H before it was sealed at"
        + " 2026-01-12T11:30:01.000Z, more than the bound of PT1H");
  }

  @Test
  void anEventSealedWithinTheBoundIsNotBackdated() throws Exception {
    sealAt("2026-01-12T09:31:00.000Z", 0);
    sealAt("2026-01-12T10:30:01.000Z", 1);
    log.checkpoint(signer);

    assertThat(log.verify(signer, new VerificationBounds(HOUR, null, NOON)).findings()).isEmpty();
  }

  @Test
  void aBackdatedEventIsNoFindingWithTheBoundOff() throws Exception {
    sealAt("2026-01-12T11:30:01.000Z", 1);
    log.checkpoint(signer);

    assertThat(log.verify(signer, VerificationBounds.OFF).findings()).isEmpty();
    assertThat(log.verify(signer).findings()).isEmpty();
  }

  @Test
  void oldEventsBeyondTheLastCheckpointAreOneUnsignedFindingNamingTheCountAndTheOldest() throws Exception {
    sealTwoSignedAndThreeUnsigned();

    VerificationReport report = log.verify(signer, new VerificationBounds(null, HOUR, NOON));

    assertThat(report.unsignedEvents()).isEqualTo(3);
    assertThat(report.findings()).map(Finding::toString).containsExactly("unsigned event e-2 at log index 2: 2"
        + " sealed events older than PT1H are covered by no verified checkpoint (the log is signed up to tree size"
        + " 2); the oldest is of 2026-01-12T09:30:02.000Z");
  }

  @Test
  void oldEventsOfALogWithoutCheckpointAreAllUnsigned() throws Exception {
    sealAt("2026-01-12T09:31:00.000Z", 0, 1);

    assertThat(findings(new VerificationBounds(null, HOUR, NOON))).containsExactly("unsigned event e-0 at log"
        + " index 0: 2 sealed events older than PT1H are covered by no verified checkpoint (the log is signed up to"
        + " tree size 0); the oldest is of 2026-01-12T09:30:00.000Z");
  }

  @Test
  void unsignedEventsYoungerThanTheBoundAreNoFinding() throws Exception {
    sealTwoSignedAndThreeUnsigned();

    VerificationReport report = log.verify(signer, new VerificationBounds(null, Duration.ofHours(3), NOON));

    assertThat(report.findings()).isEmpty();
    assertThat(report.summary()).isEqualTo("verified: 5 events, 1 checkpoints, 0 blobs; 3 newest events not yet"
        + " in a checkpoint");
  }

  @Test
  void oldUnsignedEventsAreNoFindingWithTheBoundOff() throws Exception {
    sealTwoSignedAndThreeUnsigned();

    assertThat(log.verify(signer, new VerificationBounds(HOUR, null, NOON)).findings()).isEmpty();
    assertThat(log.verify(signer).findings()).isEmpty();
  }

  /** Events 0 and 1 signed; 2 and 3 (09:30) and 9 (11:30) sealed after the checkpoint, all within a minute. */
  private void sealTwoSignedAndThreeUnsigned() throws Exception {
    sealAt("2026-01-12T09:31:00.000Z", 0, 1);
    log.checkpoint(signer);
    sealAt("2026-01-12T09:31:00.000Z", 2, 3);
    sealAt("2026-01-12T11:30:30.000Z", 9);
  }

  /** Stores event n (event 9 at 11:30, the others at 09:30:0n) in a command row of its own and seals them. */
  private void sealAt(String sealedAt, int... numbers) throws Exception {
    String[] commandIds = new String[numbers.length];
    for (int i = 0; i < numbers.length; i++) {
      int n = numbers[i];
      commandIds[i] = "c-" + n;
      log.command(commandIds[i], n == 9
          ? new TestEvent("e-9", "t-1", "bk-1", "pi-1", "2026-01-12T11:30:00.000Z", "mary")
          : TestEvent.of(n, "t-1", "bk-1", "pi-1"));
    }
    log.seal(CommandTables.time(sealedAt), commandIds);
  }

  private java.util.List<String> findings(VerificationBounds bounds) throws Exception {
    return log.verify(signer, bounds).findings().stream().map(Finding::toString).toList();
  }
}
