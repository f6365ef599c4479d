package org.auditrail.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.auditrail.verify.TestVectors.hex;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Rfc6962Test {

    @Test
    void emptyRootIsTheSha256OfTheEmptyString() {
        assertThat(hex(Rfc6962.emptyRoot()))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @ParameterizedTest(name = "leaf hash of \"{0}\"")
    @CsvSource({
        "'',                               6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "00,                               96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "606162636465666768696a6b6c6d6e6f, 46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1",
    })
    void leafHashIsTheSha256OfTheDataAfterAZeroByte(String leafData, String expected) {
        assertThat(hex(Rfc6962.leafHash(hex(leafData)))).isEqualTo(expected);
    }

    @Test
    void nodeHashIsTheSha256OfBothChildrenAfterAOneByte() {
        byte[] node = Rfc6962.nodeHash(TestVectors.LEAF_HASHES.get(0), TestVectors.LEAF_HASHES.get(1));

        assertThat(hex(node)).isEqualTo("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125");
    }

    @Test
    void aLeafNeverHashesLikeANodeOfTheSameBytes() {
        byte[] left = Rfc6962.leafHash("left".getBytes(StandardCharsets.UTF_8));
        byte[] right = Rfc6962.leafHash("right".getBytes(StandardCharsets.UTF_8));
        byte[] concatenated = new byte[64];
        System.arraycopy(left, 0, concatenated, 0, 32);
        System.arraycopy(right, 0, concatenated, 32, 32);

        assertThat(Rfc6962.leafHash(concatenated)).isNotEqualTo(Rfc6962.nodeHash(left, right));
    }
}
