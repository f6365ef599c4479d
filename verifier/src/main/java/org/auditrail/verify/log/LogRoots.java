package org.auditrail.verify.log;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.auditrail.verify.MerkleFrontier;

/**
 * The roots of a log at the tree sizes its checkpoints claim, computed in one pass over the leaves, so that many
 * checkpoints cost one walk of the log rather than one each.
 */
final class LogRoots {

  private final long size;
  private final Map<Long, byte[]> roots = new HashMap<>();

  LogRoots(List<byte[]> leaves, Set<Long> sizes) {
    this.size = leaves.size();
    MerkleFrontier frontier = new MerkleFrontier();
    if (sizes.contains(0L)) {
      roots.put(0L, frontier.root());
    }
    for (byte[] leaf : leaves) {
      frontier.append(leaf);
      if (sizes.contains(frontier.size())) {
        roots.put(frontier.size(), frontier.root());
      }
    }
  }

  long size() {
    return size;
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
