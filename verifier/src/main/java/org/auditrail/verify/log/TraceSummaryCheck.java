package org.auditrail.verify.log;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.auditrail.verify.MerkleFrontier;

/**
 * Checks every {@code trace_sealed} event of a log against the log itself: keeps, in log order, the compact range of
 * each case's trace tree (its own events' leaf hashes, summaries left out), and at each summary compares the
 * summary's count, root and last event with it. Memory grows with the number of cases, by about log2 of their
 * event counts in hashes each, not with the log.
 */
final class TraceSummaryCheck {

  private final Map<String, TraceState> traces = new HashMap<>();

  /** A case's trace tree so far and its last event. */
  private static final class TraceState {
    final MerkleFrontier frontier = new MerkleFrontier();
    long lastLogIndex = -1;
    String lastEventId;
  }

  /**
   * Takes the next entry of the log, in log order.
   *
   * @param leaf the entry's leaf hash, recomputed from its bytes
   * @param event the entry's fields, or {@code null} when they cannot be read (a finding of its own)
   */
  void accept(StoredLog.Entry entry, byte[] leaf, EventFields event, List<Finding> findings) {
    if (event == null || event.traceId() == null) {
      return;
    }
    TraceState trace = traces.computeIfAbsent(event.traceId(), id -> new TraceState());
    if (!TraceSummary.isSummary(event.eventType())) {
      trace.frontier.append(leaf);
      trace.lastLogIndex = entry.logIndex();
      trace.lastEventId = event.eventId();
      return;
    }
    TraceSummary summary;
    try {
      summary = TraceSummary.read(entry.payload().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      findings.add(new Finding(Problem.INCOMPLETE, entry.eventId(), entry.logIndex(), "the trace summary of case "
          + event.traceId() + " cannot be read: " + e.getMessage()));
      return;
    }
    byte[] root = trace.frontier.root();
    if (summary.eventCount() != trace.frontier.size() || !MessageDigest.isEqual(root, summary.traceRoot())) {
      findings.add(new Finding(Problem.INCOMPLETE, entry.eventId(), entry.logIndex(), "the trace summary of case "
          + event.traceId() + " counts " + summary.eventCount() + " events with trace root "
          + summary.traceRootHex() + ", but the log holds " + trace.frontier.size() + " events of the case before"
          + " it, with trace root " + HexFormat.of().formatHex(root)));
    } else if (summary.lastLogIndex() != trace.lastLogIndex || !summary.lastEventId().equals(trace.lastEventId)) {
      findings.add(new Finding(Problem.INCOMPLETE, entry.eventId(), entry.logIndex(), "the trace summary of case "
          + event.traceId() + " ends at event " + summary.lastEventId() + " (log index " + summary.lastLogIndex()
          + "), but the case's last event before it is " + trace.lastEventId + " (log index " + trace.lastLogIndex
          + ")"));
    }
  }
}
