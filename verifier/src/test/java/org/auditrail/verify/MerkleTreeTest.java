package org.auditrail.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.auditrail.verify.TestVectors.hex;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MerkleTreeTest {

    private final MerkleTree tree = new MerkleTree(TestVectors.LEAF_HASHES);

    @ParameterizedTest(name = "root of size {0}")
    @CsvSource({
        "0, e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "1, 6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "2, fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "3, aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "4, d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "5, 4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "6, 76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "7, ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "8, 5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    })
    void rootsOfTheRfc6962TestLeavesAreTheKnownRoots(long treeSize, String expectedRoot) {
        assertThat(hex(tree.root(treeSize))).isEqualTo(expectedRoot);
    }

    @Test
    void aRootBeyondTheLeavesIsRejected() {
        assertThatThrownBy(() -> tree.root(9))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tree size 9 must be between 0 and the number of leaves 8");
    }

    @Test
    void everyInclusionProofOfTreesUpTo40LeavesVerifies() throws ProofVerificationException {
        List<byte[]> leafHashes = TestVectors.randomLeafHashes(40, 1);
        MerkleTree tree = new MerkleTree(leafHashes);
        for (long treeSize = 1; treeSize <= 40; treeSize++) {
            byte[] root = tree.root(treeSize);
            for (long leafIndex = 0; leafIndex < treeSize; leafIndex++) {
                tree.inclusionProof(leafIndex, treeSize).verify(leafHashes.get((int) leafIndex), root);
            }
        }
    }

    @Test
    void everyConsistencyProofOfTreesUpTo40LeavesVerifies() throws ProofVerificationException {
        MerkleTree tree = new MerkleTree(TestVectors.randomLeafHashes(40, 2));
        for (long size2 = 1; size2 <= 40; size2++) {
            for (long size1 = 1; size1 <= size2; size1++) {
                tree.consistencyProof(size1, size2).verify(tree.root(size1), tree.root(size2));
            }
        }
    }

    @ParameterizedTest(name = "leaf {0} in a tree of {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "-1 | 8 | leaf index -1 must be at least 0 and below the tree size 8",
        " 8 | 8 | leaf index 8 must be at least 0 and below the tree size 8",
        " 0 | 0 | leaf index 0 must be at least 0 and below the tree size 0",
        " 0 | 9 | tree size 9 must be between 0 and the number of leaves 8",
    })
    void anInclusionProofOfALeafOutsideTheTreeIsRejected(long leafIndex, long treeSize, String message) {
        assertThatThrownBy(() -> tree.inclusionProof(leafIndex, treeSize))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @ParameterizedTest(name = "from {0} to {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "0 | 8 | old tree size 0 must be above 0 and at most the new tree size 8",
        "6 | 5 | old tree size 6 must be above 0 and at most the new tree size 5",
        "6 | 9 | new tree size 9 must be between 0 and the number of leaves 8",
    })
    void aConsistencyProofBetweenSizesOutsideTheTreeIsRejected(long size1, long size2, String message) {
        assertThatThrownBy(() -> tree.consistencyProof(size1, size2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void aLeafHashOfTheWrongLengthIsRejected() {
        assertThatThrownBy(() -> new MerkleTree(List.of(new byte[32], new byte[31])))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("leaf hash 1 has 31 bytes, but must have 32");
    }

    @Test
    void changingTheLeafListOrARootAfterwardsDoesNotChangeTheTree() {
        byte[] leafHash = TestVectors.LEAF_HASHES.get(0).clone();
        MerkleTree single = new MerkleTree(List.of(leafHash));
        leafHash[0] ^= 1;
        single.root(1)[0] ^= 1;

        assertThat(single.root(1)).isEqualTo(TestVectors.LEAF_HASHES.get(0));
    }

    @Test
    void aMillionLeavesHaveTheRootTheFrontierComputes() {
        List<byte[]> leafHashes = TestVectors.randomLeafHashes(1_000_000, 3);
        MerkleFrontier frontier = new MerkleFrontier();
        leafHashes.forEach(frontier::append);

        assertThat(new MerkleTree(leafHashes).root(1_000_000)).isEqualTo(frontier.root());
    }
}
