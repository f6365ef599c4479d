package org.auditrail.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.auditrail.verify.TestVectors.hashes;
import static org.auditrail.verify.TestVectors.hex;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

class ConsistencyProofTest {

    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/vectors/consistency-proofs.csv", numLinesToSkip = 1)
    void verifiesAsTheVectorSays(String description, long size1, long size2, String root1, String root2,
            String proof, String error) {
        ConsistencyProof consistencyProof = new ConsistencyProof(size1, size2, hashes(proof));

        if (error == null) {
            assertThatCode(() -> consistencyProof.verify(hex(root1), hex(root2))).doesNotThrowAnyException();
            assertThat(hex(new MerkleTree(TestVectors.LEAF_HASHES).consistencyProof(size1, size2).hashes()))
                    .as("the proof the tree gives")
                    .isEqualTo(hex(hashes(proof)));
        } else {
            assertThatThrownBy(() -> consistencyProof.verify(hex(root1), hex(root2)))
                    .isInstanceOf(ProofVerificationException.class)
                    .hasMessage(error);
        }
    }
}
