package org.auditrail.verify.log;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.auditrail.verify.MerkleFrontier;

/**
 * The roots of a log at the tree sizes its checkpoints claim, computed as the leaves arrive, so that many
 * checkpoints cost one walk of the log rather than one each, and no leaf is kept once it is appended.
 */
final class LogRoots {

  private final Set<Long> sizes;
  private final MerkleFrontier frontier = new MerkleFrontier();
  private final Map<Long, byte[]> roots = new HashMap<>();

  LogRoots(Set<Long> sizes) {
    this.sizes = Set.copyOf(sizes);
    if (sizes.contains(0L)) {
      roots.put(0L, frontier.root());
    }
  }

  void append(byte[] leaf) {
    frontier.append(leaf);
    if (sizes.contains(frontier.size())) {
      roots.put(frontier.size(), frontier.root());
    }
  }

  long size() {
    return frontier.size();
  }

  /** The root at one of the sizes given at construction that is not above {@link #size()}. */
  byte[] root(long treeSize) {
    byte[] root = roots.get(treeSize);
    if (root == null) {
      throw new IllegalArgumentException("no root was computed for tree size " + treeSize);
    }
    return root;
  }
}
