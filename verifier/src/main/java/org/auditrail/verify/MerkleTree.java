package org.auditrail.verify;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A Merkle tree over leaf hashes (RFC 9162 §2.1) that answers roots and proofs for any prefix of its leaves, as a log
 * server does for the tree sizes it has published.
 */
public final class MerkleTree {

    private final byte[][] leafHashes;

    public MerkleTree(List<byte[]> leafHashes) {
        this.leafHashes = new byte[leafHashes.size()][];
        for (int i = 0; i < this.leafHashes.length; i++) {
            byte[] leafHash = leafHashes.get(i);
            if (leafHash.length != Rfc6962.HASH_SIZE) {
                throw new IllegalArgumentException("leaf hash " + i + " has " + leafHash.length
                        + " bytes, but must have " + Rfc6962.HASH_SIZE);
            }
            this.leafHashes[i] = leafHash.clone();
        }
    }

    public long size() {
        return leafHashes.length;
    }

    /** MTH(D[treeSize]): the root of the tree of the first {@code treeSize} leaves. */
    public byte[] root(long treeSize) {
        requireSize("tree size", treeSize);
        return treeSize == 0 ? Rfc6962.emptyRoot() : subtreeRoot(Rfc6962.sha256(), 0, (int) treeSize);
    }

    /** PATH(leafIndex, D[treeSize]): the hashes that lead from the leaf to the root of that tree, lowest first. */
    public InclusionProof inclusionProof(long leafIndex, long treeSize) {
        requireSize("tree size", treeSize);
        if (leafIndex < 0 || leafIndex >= treeSize) {
            throw new IllegalArgumentException(
                    "leaf index " + leafIndex + " must be at least 0 and below the tree size " + treeSize);
        }
        MessageDigest sha256 = Rfc6962.sha256();
        List<byte[]> path = new ArrayList<>();
        int start = 0;
        int end = (int) treeSize;
        int index = (int) leafIndex;
        // Descends from the root, so the sibling subtrees come out highest first.
        while (end - start > 1) {
            int split = largestPowerOfTwoBelow(end - start);
            if (index < split) {
                path.add(subtreeRoot(sha256, start + split, end));
                end = start + split;
            } else {
                path.add(subtreeRoot(sha256, start, start + split));
                start += split;
                index -= split;
            }
        }
        Collections.reverse(path);
        return new InclusionProof(leafIndex, treeSize, path);
    }

    /** PROOF(size1, D[size2]): the hashes that show the tree of size1 is a prefix of the tree of size2. */
    public ConsistencyProof consistencyProof(long size1, long size2) {
        requireSize("new tree size", size2);
        if (size1 <= 0 || size1 > size2) {
            throw new IllegalArgumentException(
                    "old tree size " + size1 + " must be above 0 and at most the new tree size " + size2);
        }
        MessageDigest sha256 = Rfc6962.sha256();
        List<byte[]> proof = new ArrayList<>();
        int start = 0;
        int end = (int) size2;
        int oldSize = (int) size1;
        boolean oldTreeIsWholeSubtree = true;
        // SUBPROOF(m, D[n], b) unrolled from the top; its results come out highest first.
        while (oldSize != end - start) {
            int split = largestPowerOfTwoBelow(end - start);
            if (oldSize <= split) {
                proof.add(subtreeRoot(sha256, start + split, end));
                end = start + split;
            } else {
                proof.add(subtreeRoot(sha256, start, start + split));
                start += split;
                oldSize -= split;
                oldTreeIsWholeSubtree = false;
            }
        }
        // The verifier knows the old root, so a subtree equal to the whole old tree need not be sent.
        if (!oldTreeIsWholeSubtree) {
            proof.add(subtreeRoot(sha256, start, end));
        }
        Collections.reverse(proof);
        return new ConsistencyProof(size1, size2, proof);
    }

    private void requireSize(String name, long treeSize) {
        if (treeSize < 0 || treeSize > leafHashes.length) {
            throw new IllegalArgumentException(
                    name + " " + treeSize + " must be between 0 and the number of leaves " + leafHashes.length);
        }
    }

    /**
     * MTH(D[start:end]) for end &gt; start, level by level: pairing neighbours and carrying an odd last node up
     * unchanged gives the same tree as RFC 9162's split at the largest power of two, without recursion.
     */
    private byte[] subtreeRoot(MessageDigest sha256, int start, int end) {
        int width = end - start;
        if (width == 1) {
            return leafHashes[start].clone();
        }
        byte[][] level = new byte[width][];
        System.arraycopy(leafHashes, start, level, 0, width);
        while (width > 1) {
            int pairs = width / 2;
            for (int i = 0; i < pairs; i++) {
                level[i] = Rfc6962.nodeHash(sha256, level[2 * i], level[2 * i + 1]);
            }
            if (width % 2 == 1) {
                level[pairs] = level[width - 1];
            }
            width = (width + 1) / 2;
        }
        return level[0];
    }

    private static int largestPowerOfTwoBelow(int n) {
        return Integer.highestOneBit(n - 1);
    }
}
