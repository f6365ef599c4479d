package org.auditrail.verify.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.auditrail.verify.MerkleTree;
import org.auditrail.verify.NoteSigner;
import org.auditrail.verify.jdbc.CommandTables.TestEvent;
import org.auditrail.verify.log.Finding;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every trace_sealed event of a log is checked against the log itself: its count, trace root and last event must be
 * those of the case's own events sealed before it. Case t-1 has events e-0 and e-1, case t-2 event e-2 between them.
 */
class TraceSummaryVerificationTest {

  private static final HexFormat HEX = HexFormat.of();

  private final NoteSigner signer = NoteSigner.generate("test", new SecureRandom());
  private final TestEvent first = TestEvent.of(0, "t-1", "bk-1", "pi-1");
  private final TestEvent other = TestEvent.of(2, "t-2", "bk-2", "pi-2");
  private final TestEvent second = TestEvent.of(1, "t-1", "bk-1", "pi-1");
  private CommandTables log;

  @BeforeEach
  void sealTwoCases() throws Exception {
    log = new CommandTables("command-layout.sql");
    log.command("c-0", first);
    log.command("c-1", other);
    log.command("c-2", second);
  }

  @AfterEach
  void close() throws Exception {
    log.close();
  }

  @Test
  void aSummaryThatMatchesTheCasesEventsVerifies() throws Exception {
    sealWithSummary(2, root(first, second), 2, "e-1");

    assertThat(log.verify(signer).findings()).isEmpty();
  }

  @Test
  void aForgedSummaryWithTheRootOfFewerEventsIsFound() throws Exception {
    String forged = root(first);
    sealWithSummary(2, forged, 2, "e-1");

    assertThat(log.verify(signer).findings()).map(Finding::toString).containsExactly("incomplete event s-3 at log"
        + " index 3: the trace summary of case t-1 counts 2 events with trace root " + forged + ", but the log"
        + " holds 2 events of the case before it, with trace root " + root(first, second));
  }

  @Test
  void aSummaryThatCountsFewerEventsThanTheLogHoldsIsFound() throws Exception {
    sealWithSummary(1, root(first), 0, "e-0");

    assertThat(log.verify(signer).findings()).map(Finding::toString).containsExactly("incomplete event s-3 at log"
        + " index 3: the trace summary of case t-1 counts 1 events with trace root " + root(first) + ", but the"
        + " log holds 2 events of the case before it, with trace root " + root(first, second));
  }

  @Test
  void aSummaryNamingAnotherLastEventIsFound() throws Exception {
    sealWithSummary(2, root(first, second), 0, "e-0");

    assertThat(log.verify(signer).findings()).map(Finding::toString).containsExactly("incomplete event s-3 at log"
        + " index 3: the trace summary of case t-1 ends at event e-0 (log index 0), but the case's last event"
        + " before it is e-1 (log index 2)");
  }

  /** Seals the three events, then a summary of case t-1 as the sequencer writes it, and signs a checkpoint. */
  private void sealWithSummary(long count, String root, long lastIndex, String lastEventId) throws Exception {
    TestEvent summary = new TestEvent("s-3", "t-1", "bk-1", "pi-1", "2026-01-12T09:31:00.000Z", "mary")
        .as("trace_sealed", "\"output\":{\"last_event_id\":\"" + lastEventId + "\",\"last_log_index\":" + lastIndex
            + ",\"trace_event_count\":" + count + ",\"trace_root\":\"" + root + "\"},");
    log.command("c-3", summary);
    log.seal("c-0", "c-1", "c-2", "c-3");
    log.checkpoint(signer);
  }

  private static String root(TestEvent... events) {
    List<byte[]> leaves = java.util.Arrays.stream(events).map(TestEvent::leaf).toList();
    return HEX.formatHex(new MerkleTree(leaves).root(leaves.size()));
  }
}
