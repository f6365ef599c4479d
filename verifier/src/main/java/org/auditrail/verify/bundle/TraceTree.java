package org.auditrail.verify.bundle;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.auditrail.verify.InclusionProof;
import org.auditrail.verify.MerkleTree;
import org.auditrail.verify.Rfc6962;
import org.auditrail.verify.log.TraceSummary;

/**
 * The trace tree of a case: the RFC 6962 tree whose leaves are the log leaf hashes, H(0x00 || event), of the case's
 * own events in log order, {@code trace_sealed} summaries left out. A trace summary states its size and root; the
 * exporter proves each bundled event's position in it, and the verifier recomputes it from the bundle.
 */
public final class TraceTree {

  /** The log index of each leaf, by trace position. */
  private final List<Long> logIndexes;
  private final MerkleTree tree;

  private TraceTree(List<Long> logIndexes, List<byte[]> leafHashes) {
    this.logIndexes = List.copyOf(logIndexes);
    this.tree = new MerkleTree(leafHashes);
  }

  /**
   * The tree over a case's events, by log index, exactly as stored; summaries among them are left out. An event
   * that is not readable JSON is a leaf like any other, so that nothing can be left out by spoiling it.
   */
  public static TraceTree of(SortedMap<Long, byte[]> eventsByLogIndex) {
    List<Long> indexes = new ArrayList<>();
    List<byte[]> leaves = new ArrayList<>();
    for (Map.Entry<Long, byte[]> event : new TreeMap<>(eventsByLogIndex).entrySet()) {
      if (!isSummary(event.getValue())) {
        indexes.add(event.getKey());
        leaves.add(Rfc6962.leafHash(event.getValue()));
      }
    }
    return new TraceTree(indexes, leaves);
  }

  static boolean isSummary(byte[] eventJson) {
    try {
      return TraceSummary.isSummary(BundledEvent.read(eventJson).eventType());
    } catch (IOException e) {
      return false;
    }
  }

  /** How many events are leaves. */
  public long size() {
    return tree.size();
  }

  /** The root over all leaves. */
  public byte[] root() {
    return tree.root(tree.size());
  }

  /** The log indexes of the leaves, in trace order. */
  public List<Long> logIndexes() {
    return logIndexes;
  }

  /**
   * The proof of the event at a log index in the tree of the first {@code treeSize} leaves, which is the tree a
   * trace summary of that count states the root of.
   *
   * @throws IllegalArgumentException when the event is no leaf of that tree
   */
  public InclusionProof proof(long logIndex, long treeSize) {
    int position = Collections.binarySearch(logIndexes, logIndex);
    if (position < 0) {
      throw new IllegalArgumentException("the event at log index " + logIndex + " is no leaf of this trace tree");
    }
    return tree.inclusionProof(position, treeSize);
  }
}
