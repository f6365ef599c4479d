package org.auditrail.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MerkleFrontierTest {

    @Test
    void theRootAfterEachAppendIsTheRootOfTheWholeTree() {
        List<byte[]> leafHashes = TestVectors.randomLeafHashes(130, 4);
        MerkleTree tree = new MerkleTree(leafHashes);
        MerkleFrontier frontier = new MerkleFrontier();
        for (int size = 0; size <= 130; size++) {
            assertThat(frontier.size()).isEqualTo(size);
            assertThat(frontier.root()).as("root of size %d", size).isEqualTo(tree.root(size));
            if (size < 130) {
                frontier.append(leafHashes.get(size));
            }
        }
    }

    @Test
    void aFrontierReadBackFromItsBytesGoesOnAsTheOriginal() {
        List<byte[]> leafHashes = TestVectors.randomLeafHashes(131, 5);
        MerkleTree tree = new MerkleTree(leafHashes);
        MerkleFrontier frontier = new MerkleFrontier();
        for (int size = 0; size <= 130; size++) {
            MerkleFrontier copy = MerkleFrontier.fromBytes(frontier.toBytes());
            copy.append(leafHashes.get(size));

            assertThat(copy.size()).isEqualTo(size + 1);
            assertThat(copy.root()).as("root of size %d", size + 1).isEqualTo(tree.root(size + 1));
            frontier.append(leafHashes.get(size));
        }
    }

    @Test
    void theBytesAreTheSizeAndThePerfectSubtreeRootsLargestFirst() {
        MerkleTree tree = new MerkleTree(TestVectors.LEAF_HASHES);
        MerkleFrontier frontier = new MerkleFrontier();
        TestVectors.LEAF_HASHES.subList(0, 6).forEach(frontier::append);

        ByteBuffer bytes = ByteBuffer.wrap(frontier.toBytes());

        assertThat(bytes.remaining()).isEqualTo(8 + 2 * 32);
        assertThat(bytes.getLong()).isEqualTo(6);
        assertThat(next32(bytes)).isEqualTo(tree.root(4));
        assertThat(next32(bytes)).isEqualTo(Rfc6962.nodeHash(TestVectors.LEAF_HASHES.get(4),
                TestVectors.LEAF_HASHES.get(5)));
    }

    @Test
    void theEmptyFrontierIsEightZeroBytesAndHasTheEmptyRoot() {
        MerkleFrontier empty = MerkleFrontier.fromBytes(new byte[8]);

        assertThat(new MerkleFrontier().toBytes()).isEqualTo(new byte[8]);
        assertThat(empty.size()).isZero();
        assertThat(empty.root()).isEqualTo(Rfc6962.emptyRoot());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "size missing | 0000 | a frontier needs at least 8 bytes for its size, but has 2",
        "negative size | ffffffffffffffff | frontier size must not be negative, but was: -1",
        "hash missing | 0000000000000001 | a frontier of size 1 must have 40 bytes, but has 8",
        "hash at size 0 | 0000000000000000 0000000000000000 | a frontier of size 0 must have 8 bytes, but has 16",
    })
    void malformedBytesAreRejected(String description, String hex, String message) {
        byte[] bytes = TestVectors.hex(hex.replace(" ", ""));

        assertThatThrownBy(() -> MerkleFrontier.fromBytes(bytes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void aLeafHashOfTheWrongLengthIsRejected() {
        assertThatThrownBy(() -> new MerkleFrontier().append(new byte[33]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("leaf hash has 33 bytes, but must have 32");
    }

    private static byte[] next32(ByteBuffer bytes) {
        byte[] hash = new byte[32];
        bytes.get(hash);
        return hash;
    }
}
