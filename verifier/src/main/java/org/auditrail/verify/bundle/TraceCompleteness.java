package org.auditrail.verify.bundle;

import java.io.IOException;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.auditrail.verify.Checkpoint;
import org.auditrail.verify.ProofVerificationException;
import org.auditrail.verify.Rfc6962;
import org.auditrail.verify.log.Finding;
import org.auditrail.verify.log.Problem;
import org.auditrail.verify.log.TraceSummary;

/**
 * Shows that a bundle holds every event of its case, as of the case's latest trace summary: the summary is proven
 * in the signed checkpoint, is not older than the bundle's events, and the trace tree recomputed from the bundle's
 * events has the summary's size and root. When it has not, the events' own proofs in the trace tree name the gap:
 * missing positions (deleted), events outside the tree (inserted), positions out of log order (reordered).
 */
final class TraceCompleteness {

  private TraceCompleteness() {}

  /**
   * Adds what prevents the proof of completeness to the findings.
   *
   * @return the proven summary and its log index, or {@code null} when completeness is not shown
   */
  static ProvenSummary check(CaseBundle bundle, Checkpoint checkpoint, List<Finding> findings) {
    String traceId = bundle.manifest().traceId();
    ProvenSummary proven = provenSummary(bundle, traceId, checkpoint, findings);
    if (proven == null) {
      return null;
    }
    TraceSummary summary = proven.summary();
    TraceTree tree = TraceTree.of(bundle.events());
    int before = findings.size();
    if (!tree.logIndexes().isEmpty()) {
      long last = tree.logIndexes().get(tree.logIndexes().size() - 1);
      String lastId = eventId(bundle.events().get(last));
      if (last > proven.logIndex()) {
        findings.add(new Finding(Problem.INCOMPLETE, summary.eventId(), proven.logIndex(), "the trace summary at"
            + " log index " + proven.logIndex() + " is older than event " + lastId + " at log index " + last
            + ", which the checkpoint covers: a newer summary exists"));
      } else if (summary.lastLogIndex() != last || !summary.lastEventId().equals(lastId)) {
        findings.add(new Finding(Problem.INCOMPLETE, summary.eventId(), proven.logIndex(), "the trace summary"
            + " ends at event " + summary.lastEventId() + " (log index " + summary.lastLogIndex() + "), but the"
            + " bundle's last event of the case is " + lastId + " (log index " + last + ")"));
      }
    }
    if (tree.size() != summary.eventCount() || !MessageDigest.isEqual(tree.root(), summary.traceRoot())) {
      nameTheGap(bundle, tree, summary, findings);
    }
    return findings.size() == before ? proven : null;
  }

  /** A trace summary proven in the signed checkpoint at a log index. */
  record ProvenSummary(TraceSummary summary, long logIndex) {

    String line() {
      return "complete: " + summary.eventCount() + " events of case " + summary.traceId() + ", trace summary at"
          + " log index " + logIndex + " sealed " + summary.timestamp();
    }
  }

  private static ProvenSummary provenSummary(CaseBundle bundle, String traceId, Checkpoint checkpoint,
      List<Finding> findings) {
    if (bundle.traceSummary() == null) {
      findings.add(new Finding(Problem.INCOMPLETE, null, null, "the bundle holds no trace summary ("
          + BundleLayout.TRACE_SUMMARY + "): that it holds every event of case " + traceId + " cannot be shown"));
      return null;
    }
    TraceSummary summary;
    try {
      summary = TraceSummary.read(bundle.traceSummary());
    } catch (IOException e) {
      findings.add(new Finding(Problem.INCOMPLETE, null, null, BundleLayout.TRACE_SUMMARY + " proves nothing: "
          + e.getMessage()));
      return null;
    }
    if (!traceId.equals(summary.traceId())) {
      findings.add(new Finding(Problem.INCOMPLETE, summary.eventId(), null, BundleLayout.TRACE_SUMMARY
          + " proves nothing: it summarises case " + summary.traceId() + ", not case " + traceId
          + " of this bundle"));
      return null;
    }
    if (bundle.traceSummaryProof() == null) {
      findings.add(new Finding(Problem.INCOMPLETE, summary.eventId(), null, BundleLayout.TRACE_SUMMARY
          + " proves nothing: the bundle has no proof " + BundleLayout.TRACE_SUMMARY_PROOF));
      return null;
    }
    EventProof proof;
    try {
      proof = EventProof.parse(BundleLayout.TRACE_SUMMARY_PROOF, bundle.traceSummaryProof());
    } catch (BundleFormatException e) {
      findings.add(new Finding(Problem.INCOMPLETE, summary.eventId(), null, BundleLayout.TRACE_SUMMARY
          + " proves nothing: " + e.getMessage()));
      return null;
    }
    long logIndex = proof.proof().leafIndex();
    String problem = checkpoint == null ? "the checkpoint is not trusted"
        : BundleVerifier.proofMismatch(logIndex, BundleLayout.TRACE_SUMMARY_PROOF, bundle.traceSummary(),
            summary.eventId(), proof, checkpoint);
    if (problem != null) {
      findings.add(new Finding(Problem.INCOMPLETE, summary.eventId(), logIndex, BundleLayout.TRACE_SUMMARY
          + " proves nothing: " + problem));
      return null;
    }
    return new ProvenSummary(summary, logIndex);
  }

  /**
   * Places every event at the trace position its trace proof shows against the summary's root, then reports the
   * events that have no place, the places that have no event and the events out of order.
   */
  private static void nameTheGap(CaseBundle bundle, TraceTree tree, TraceSummary summary, List<Finding> findings) {
    long count = summary.eventCount();
    TreeMap<Long, Long> placed = new TreeMap<>();
    int before = findings.size();
    Long previousIndex = null;
    long previousPosition = -1;
    for (long logIndex : tree.logIndexes()) {
      byte[] event = bundle.events().get(logIndex);
      String eventId = eventId(event);
      String notPlaced = notPlaced(logIndex, event, eventId, bundle.traceProofs().get(logIndex), summary);
      if (notPlaced == null && placed.containsKey(position(bundle, logIndex))) {
        notPlaced = "its trace position is already taken by event "
            + eventId(bundle.events().get(placed.get(position(bundle, logIndex))));
      }
      if (notPlaced != null) {
        findings.add(new Finding(Problem.INSERTED, eventId, logIndex, "the event is not one of the " + count
            + " events the trace summary covers: " + notPlaced));
        continue;
      }
      long position = position(bundle, logIndex);
      placed.put(position, logIndex);
      if (previousIndex != null && position < previousPosition) {
        findings.add(new Finding(Problem.REORDERED, eventId, logIndex, "the event is at trace position " + position
            + ", but event " + eventId(bundle.events().get(previousIndex)) + " at log index " + previousIndex
            + ", earlier in the log, is at trace position " + previousPosition));
      }
      previousIndex = logIndex;
      previousPosition = position;
    }
    long position = 0;
    while (position < count) {
      if (placed.containsKey(position)) {
        position++;
        continue;
      }
      long first = position;
      while (position < count && !placed.containsKey(position)) {
        position++;
      }
      findings.add(new Finding(Problem.DELETED, null, null, missing(bundle, placed, first, position - 1, count)));
    }
    if (findings.size() == before) {
      // Only a hash collision gets here; the counts and roots still disagree, which is what matters.
      findings.add(new Finding(Problem.DELETED, null, null, "the bundle's " + tree.size() + " events of the case"
          + " do not give the trace root " + summary.traceRootHex() + " of the summary's " + count + " events"));
    }
  }

  /** Why the event's trace proof does not place it in the summary's tree, or {@code null} when it does. */
  private static String notPlaced(long logIndex, byte[] event, String eventId, byte[] proofJson,
      TraceSummary summary) {
    String proofFile = BundleLayout.traceProof(logIndex);
    if (proofJson == null) {
      return "the bundle has no trace proof " + proofFile;
    }
    EventProof proof;
    try {
      proof = EventProof.parse(proofFile, proofJson);
    } catch (BundleFormatException e) {
      return e.getMessage();
    }
    if (eventId != null && !eventId.equals(proof.eventId())) {
      return proofFile + " is the trace proof of event " + proof.eventId();
    }
    if (proof.proof().treeSize() != summary.eventCount()) {
      return proofFile + " is a proof for a trace of " + proof.proof().treeSize() + " events";
    }
    try {
      proof.proof().verify(Rfc6962.leafHash(event), summary.traceRoot());
      return null;
    } catch (ProofVerificationException e) {
      return proofFile + " does not lead to the summary's trace root: " + e.getMessage();
    }
  }

  private static long position(CaseBundle bundle, long logIndex) {
    try {
      return EventProof.parse(BundleLayout.traceProof(logIndex), bundle.traceProofs().get(logIndex)).proof()
          .leafIndex();
    } catch (BundleFormatException e) {
      throw new IllegalStateException("a trace proof that verified was read before", e);
    }
  }

  private static String missing(CaseBundle bundle, TreeMap<Long, Long> placed, long first, long last, long count) {
    String positions = first == last ? "trace position " + first + " of " + count + " is missing"
        : "trace positions " + first + "–" + last + " of " + count + " are missing";
    Map.Entry<Long, Long> after = placed.lowerEntry(first);
    Map.Entry<Long, Long> before = placed.higherEntry(last);
    StringBuilder where = new StringBuilder(positions).append(':');
    if (after != null) {
      where.append(" after event ").append(eventId(bundle.events().get(after.getValue()))).append(" (log index ")
          .append(after.getValue()).append(')');
    }
    if (before != null) {
      where.append(after != null ? "," : "").append(" before event ")
          .append(eventId(bundle.events().get(before.getValue()))).append(" (log index ")
          .append(before.getValue()).append(')');
    }
    if (after == null && before == null) {
      where.append(" the bundle holds none of the case's events");
    }
    return where.toString();
  }

  private static String eventId(byte[] event) {
    try {
      return BundledEvent.read(event).eventId();
    } catch (IOException e) {
      return null;
    }
  }
}
