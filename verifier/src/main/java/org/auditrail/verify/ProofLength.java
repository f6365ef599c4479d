package org.auditrail.verify;

import java.util.List;

/**
 * How many hashes a proof must have, known from the tree sizes alone. Checking it before any hashing turns a
 * truncated or padded proof into a precise error instead of a meaningless root mismatch.
 */
final class ProofLength {

    private ProofLength() {
    }

    /** The length of PATH(leafIndex, D[treeSize]) for 0 &lt;= leafIndex &lt; treeSize. */
    static int inclusion(long leafIndex, long treeSize) {
        // Below the level where the paths to the leaf and to the last leaf meet, every level has a sibling; above
        // it, only the levels where the leaf's subtree has a left neighbour do.
        int inner = 64 - Long.numberOfLeadingZeros(leafIndex ^ (treeSize - 1));
        return inner + Long.bitCount(leafIndex >>> inner);
    }

    /** The length of PROOF(size1, D[size2]) for 0 &lt; size1 &lt;= size2. */
    static int consistency(long size1, long size2) {
        if (size1 == size2) {
            return 0;
        }
        int inclusion = inclusion(size1 - 1, size2);
        // The perfect subtree that ends at the old tree's last leaf contributes one hash instead of its inner path,
        // and none at all when it is the whole old tree, whose root the verifier already has.
        int shift = Long.numberOfTrailingZeros(size1);
        int seed = size1 == Long.lowestOneBit(size1) ? 0 : 1;
        return seed + inclusion - shift;
    }

    /** Fails unless there are exactly {@code expected} hashes of 32 bytes each. */
    static void check(String proof, int expected, List<byte[]> hashes) throws ProofVerificationException {
        if (hashes.size() != expected) {
            throw new ProofVerificationException(
                    proof + " must have " + count(expected) + ", but has " + hashes.size());
        }
        for (int i = 0; i < hashes.size(); i++) {
            int length = hashes.get(i).length;
            if (length != Rfc6962.HASH_SIZE) {
                throw new ProofVerificationException("hash " + i + " of the " + proof + " has " + length
                        + " bytes, but must have " + Rfc6962.HASH_SIZE);
            }
        }
    }

    private static String count(int hashes) {
        return hashes == 1 ? "1 hash" : hashes + " hashes";
    }
}
