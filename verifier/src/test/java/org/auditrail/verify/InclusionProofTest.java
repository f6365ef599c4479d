package org.auditrail.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.auditrail.verify.TestVectors.hashes;
import static org.auditrail.verify.TestVectors.hex;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

class InclusionProofTest {

    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/vectors/inclusion-proofs.csv", numLinesToSkip = 1)
    void verifiesAsTheVectorSays(String description, long leafIndex, long treeSize, String leafHash, String proof,
            String root, String error) {
        InclusionProof inclusionProof = new InclusionProof(leafIndex, treeSize, hashes(proof));

        if (error == null) {
            assertThatCode(() -> inclusionProof.verify(hex(leafHash), hex(root))).doesNotThrowAnyException();
            assertThat(hex(new MerkleTree(TestVectors.LEAF_HASHES).inclusionProof(leafIndex, treeSize).hashes()))
                    .as("the proof the tree gives")
                    .isEqualTo(hex(hashes(proof)));
        } else {
            assertThatThrownBy(() -> inclusionProof.verify(hex(leafHash), hex(root)))
                    .isInstanceOf(ProofVerificationException.class)
                    .hasMessage(error);
        }
    }
}
