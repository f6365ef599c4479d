package org.auditrail.verify.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.auditrail.verify.MerkleTree;
import org.auditrail.verify.NoteSigner;
import org.auditrail.verify.jdbc.CommandTables.TestEvent;
import org.auditrail.verify.log.Finding;
import org.auditrail.verify.log.LogVerifier;
import org.auditrail.verify.log.VerificationReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The verifier reads a log stored per engine command: eight events in four command rows, sealed in three rounds
 * and signed in one checkpoint; each test tampers with one row as an intruder with write access would.
 */
class CommandRowVerificationTest {

  private static final String INSERTED = "the event is in the event table but was never sealed into the log and is"
      + " not waiting to be";
  private static final String MISSING = "the sealed event is missing from the stored events";

  private final NoteSigner signer = NoteSigner.generate("test", new SecureRandom());
  private final TestEvent[] events = {
    TestEvent.of(0, "t-1", "bk-1", "pi-1"), TestEvent.of(1, "t-1", "bk-1", "pi-1"),
    TestEvent.of(2, "t-1", "bk-1", "pi-1"), TestEvent.of(3, "t-2", "bk-2", "pi-2"),
    TestEvent.of(4, "t-3", null, "pi-2"), TestEvent.of(5, "t-1", "bk-1", "pi-1"),
    TestEvent.of(6, "t-4", "bk-4", "pi-4"), TestEvent.of(7, "t-4", "bk-4", "pi-4")};
  private CommandTables log;
  private byte[] signedRoot;

  @BeforeEach
  void writeLog() throws Exception {
    log = new CommandTables("command-layout.sql");
    log.command("c-1", events[0], events[1], events[2]);
    log.command("c-2", events[3], events[4]);
    log.command("c-3", events[5]);
    log.command("c-4", events[6], events[7]);
    log.seal("c-1", "c-2");
    log.seal("c-3");
    log.seal("c-4");
    signedRoot = log.checkpoint(signer);
  }

  @AfterEach
  void close() throws Exception {
    log.close();
  }

  @Test
  void aCleanLogOfSeveralRoundsAndCommandsVerifiesAgainstItsSignedRoot() throws Exception {
    VerificationReport report = log.verify(signer);

    assertThat(report.findings()).isEmpty();
    assertThat(report.summary()).isEqualTo("verified: 8 events, 1 checkpoints, 0 blobs");
    List<byte[]> leaves = java.util.Arrays.stream(events).map(TestEvent::leaf).toList();
    assertThat(signedRoot).isEqualTo(new MerkleTree(leaves).root(8));
  }

  @Test
  void theLogReadWholeVerifiesAsTheStreamedOne() throws Exception {
    LogVerifier verifier = new LogVerifier(List.of(signer.verifier()));
    log.execute("update audit_command set trace_ids = ? where command_id = 'c-2'", (Object) new String[] {"t-2"});

    assertThat(verifier.verify(JdbcLogSource.read(log.connection, null))).isEqualTo(log.verify(signer));
  }

  @Test
  void anEditedLineIsReportedAsModifiedByItsEventId() throws Exception {
    TestEvent edited = events[1].byActor("eve");
    log.execute("update audit_command set events = ? where command_id = 'c-1'",
        CommandTables.lines(events[0], edited, events[2]));

    assertThat(findings()).containsExactly("modified event e-1 at log index 1: the stored event hashes to leaf "
        + hex(edited.leaf()) + ", but the log sealed " + hex(events[1].leaf()));
  }

  @Test
  void aDeletedCommandRowIsReportedAsDeletedForEachOfItsEvents() throws Exception {
    log.execute("delete from audit_command where command_id = 'c-2'");

    assertThat(findings()).containsExactly("deleted event e-3 at log index 3: " + MISSING,
        "deleted event e-4 at log index 4: " + MISSING);
  }

  @Test
  void aDeletedLineIsReportedAsDeletedAndTheRowsEventCountNoLongerMatches() throws Exception {
    log.execute("update audit_command set events = ? where command_id = 'c-1'",
        CommandTables.lines(events[0], events[2]));

    assertThat(findings()).containsExactly("column_mismatch event e-0 at log index 0: column event_count of"
        + " command row c-1 holds '3' but its events say '2'", "deleted event e-1 at log index 1: " + MISSING);
  }

  @Test
  void aLineInsertedIntoASealedCommandRowIsReportedAsInserted() throws Exception {
    TestEvent inserted = new TestEvent("e-99", "t-1", "bk-1", "pi-1", "2026-01-12T09:30:01.500Z", "mary");
    log.execute("update audit_command set events = ?, event_count = 4 where command_id = 'c-1'",
        CommandTables.lines(events[0], events[1], inserted, events[2]));

    assertThat(findings()).containsExactly("inserted event e-99: " + INSERTED);
  }

  @Test
  void aLineInsertedIntoASealedCommandRowIsAnOrphanEvenBeforeTheEntriesStreamed() throws Exception {
    TestEvent inserted = new TestEvent("e-99", "t-1", "bk-1", "pi-1", "2026-01-12T09:30:01.500Z", "mary");
    log.execute("update audit_command set events = ?, event_count = 4 where command_id = 'c-1'",
        CommandTables.lines(events[0], events[1], inserted, events[2]));

    assertThat(DatabaseLog.of(log.connection, Map.of()).unsealedOrphans()).containsExactly("e-99");
  }

  @Test
  void aCommandRowNoRoundSealsAndNoQueueHoldsIsReportedAsInsertedForEachOfItsEvents() throws Exception {
    log.command("c-9", TestEvent.of(90, "t-9", "bk-9", "pi-9"), TestEvent.of(91, "t-9", "bk-9", "pi-9"));

    assertThat(findings()).containsExactly("inserted event e-90: " + INSERTED, "inserted event e-91: " + INSERTED);
  }

  @Test
  void twoLinesSwappedWithinACommandRowAreReportedAsReordered() throws Exception {
    log.execute("update audit_command set events = ? where command_id = 'c-2'",
        CommandTables.lines(events[4], events[3]));

    assertThat(findings()).containsExactly(
        "reordered event e-3 at log index 3: the event's line in command row c-2 stands where the event the log"
            + " sealed at index 4 belongs",
        "reordered event e-4 at log index 4: the event's line in command row c-2 stands where the event the log"
            + " sealed at index 3 belongs");
  }

  @Test
  void aTraceIdRemovedFromTheRowsTraceIdsIsAColumnMismatch() throws Exception {
    log.execute("update audit_command set trace_ids = ? where command_id = 'c-2'", (Object) new String[] {"t-2"});

    assertThat(findings()).containsExactly("column_mismatch event e-3 at log index 3: column trace_ids of command"
        + " row c-2 holds '[t-2]' but its events say '[t-2, t-3]'");
  }

  @Test
  void aTraceIdAddedToTheRowsTraceIdsIsAColumnMismatch() throws Exception {
    log.execute("update audit_command set trace_ids = ? where command_id = 'c-1'",
        (Object) new String[] {"t-9", "t-1"});

    assertThat(findings()).containsExactly("column_mismatch event e-0 at log index 0: column trace_ids of command"
        + " row c-1 holds '[t-1, t-9]' but its events say '[t-1]'");
  }

  @Test
  void aMovedFirstEventTimeIsAColumnMismatch() throws Exception {
    log.execute("update audit_command set first_event_time = ? where command_id = 'c-4'",
        CommandTables.time("2026-01-12T09:29:00Z"));

    assertThat(findings()).containsExactly("column_mismatch event e-6 at log index 6: column first_event_time of"
        + " command row c-4 holds '2026-01-12T09:29:00.000Z' but its events say '2026-01-12T09:30:06.000Z'");
  }

  @Test
  void aDeletedRoundIsReportedAsAMissingRangeAndItsCommandRowAsUnsealed() throws Exception {
    log.execute("delete from audit_log_batch where first_index = 5");

    assertThat(findings()).containsExactly(
        "deleted at log index 5: log entries 5 to 5 are missing; the log continues at index 6",
        "truncated at log index 7: checkpoint of size 8 covers 8 events, but the log holds only 7: its newest 1"
            + " events were removed",
        "inserted event e-5: " + INSERTED);
  }

  @Test
  void aQueuedCommandNotYetSealedIsNoFinding() throws Exception {
    log.command("c-5", TestEvent.of(8, "t-5", "bk-5", "pi-5"), TestEvent.of(9, "t-5", "bk-5", "pi-5"));
    log.queue("c-5");

    VerificationReport report = log.verify(signer);

    assertThat(report.findings()).isEmpty();
    assertThat(report.summary()).isEqualTo("verified: 8 events, 1 checkpoints, 0 blobs");
  }

  private List<String> findings() throws Exception {
    return log.verify(signer).findings().stream().map(Finding::toString).toList();
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
