package org.auditrail.verify;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A consistency proof (RFC 9162 §2.1.4): the hashes that show the tree of {@link #size1} leaves is a prefix of the
 * tree of {@link #size2} leaves, that is, that the log only appended.
 */
public record ConsistencyProof(long size1, long size2, List<byte[]> hashes) {

    public ConsistencyProof {
        hashes = List.copyOf(hashes);
    }

    /** Verifies that {@code root1} and {@code root2} are the roots of trees that agree on the first size1 leaves. */
    public void verify(byte[] root1, byte[] root2) throws ProofVerificationException {
        if (size1 <= 0) {
            throw new ProofVerificationException("a consistency proof from size " + size1 + " is not defined");
        }
        if (size1 > size2) {
            throw new ProofVerificationException(
                    "old tree size " + size1 + " is larger than the new tree size " + size2);
        }
        ProofLength.check("consistency proof from size " + size1 + " to size " + size2,
                ProofLength.consistency(size1, size2), hashes);
        if (size1 == size2) {
            // The empty proof: the new root is computed to be the old one.
            requireMatch("new", size2, root1, root2);
            return;
        }
        byte[][] roots = computeRoots(root1);
        requireMatch("old", size1, roots[0], root1);
        requireMatch("new", size2, roots[1], root2);
    }

    /** Steps 2 to 6 of RFC 9162 §2.1.4.2: the old and the new root as the proof computes them. */
    private byte[][] computeRoots(byte[] root1) {
        MessageDigest sha256 = Rfc6962.sha256();
        List<byte[]> path = new ArrayList<>(hashes);
        // An old tree that is one perfect subtree is its own starting node, so the proof leaves it out.
        if (size1 == Long.lowestOneBit(size1)) {
            path.add(0, root1);
        }
        long fn = size1 - 1;
        long sn = size2 - 1;
        while ((fn & 1) == 1) {
            fn >>>= 1;
            sn >>>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        // The exact length checked before makes sn reach 0 with the last hash (RFC 9162 steps 6a and 7).
        for (byte[] c : path.subList(1, path.size())) {
            if ((fn & 1) == 1 || fn == sn) {
                fr = Rfc6962.nodeHash(sha256, c, fr);
                sr = Rfc6962.nodeHash(sha256, c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>>= 1;
                    sn >>>= 1;
                }
            } else {
                sr = Rfc6962.nodeHash(sha256, sr, c);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        return new byte[][] {fr, sr};
    }

    private static void requireMatch(String which, long treeSize, byte[] computed, byte[] expected)
            throws ProofVerificationException {
        if (!MessageDigest.isEqual(computed, expected)) {
            HexFormat hex = HexFormat.of();
            throw new ProofVerificationException("computed " + which + " root " + hex.formatHex(computed)
                    + " does not match the expected " + which + " root " + hex.formatHex(expected)
                    + " for tree size " + treeSize);
        }
    }
}
