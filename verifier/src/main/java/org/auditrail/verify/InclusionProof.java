package org.auditrail.verify;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/** An inclusion proof (RFC 9162 §2.1.3): the audit path of one leaf in a tree of a given size, lowest hash first. */
public record InclusionProof(long leafIndex, long treeSize, List<byte[]> hashes) {

    public InclusionProof {
        hashes = List.copyOf(hashes);
    }

    /**
     * Verifies that the leaf with {@code leafHash} is at {@link #leafIndex} in the tree of {@link #treeSize} leaves
     * whose root is {@code expectedRoot}, as RFC 9162 §2.1.3.2 describes.
     */
    public void verify(byte[] leafHash, byte[] expectedRoot) throws ProofVerificationException {
        if (leafIndex < 0) {
            throw new ProofVerificationException("leaf index " + leafIndex + " is negative");
        }
        if (leafIndex >= treeSize) {
            throw new ProofVerificationException(
                    "leaf index " + leafIndex + " is not below the tree size " + treeSize);
        }
        ProofLength.check("inclusion proof for leaf " + leafIndex + " in a tree of " + treeSize,
                ProofLength.inclusion(leafIndex, treeSize), hashes);
        if (leafHash.length != Rfc6962.HASH_SIZE) {
            throw new ProofVerificationException(
                    "leaf hash has " + leafHash.length + " bytes, but must have " + Rfc6962.HASH_SIZE);
        }
        byte[] computedRoot = computeRoot(leafHash);
        if (!MessageDigest.isEqual(computedRoot, expectedRoot)) {
            HexFormat hex = HexFormat.of();
            throw new ProofVerificationException("computed root " + hex.formatHex(computedRoot)
                    + " does not match the expected root " + hex.formatHex(expectedRoot)
                    + " for tree size " + treeSize);
        }
    }

    private byte[] computeRoot(byte[] leafHash) {
        MessageDigest sha256 = Rfc6962.sha256();
        // fn is the node's index on its level and sn that of the last node; the exact length checked above makes
        // sn reach 0 with the last hash, which RFC 9162 would otherwise check during and after the loop.
        long fn = leafIndex;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        for (byte[] p : hashes) {
            if ((fn & 1) == 1 || fn == sn) {
                r = Rfc6962.nodeHash(sha256, p, r);
                // A last node without a right sibling is carried up unchanged until it is a right child.
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>>= 1;
                    sn >>>= 1;
                }
            } else {
                r = Rfc6962.nodeHash(sha256, r, p);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        return r;
    }
}
