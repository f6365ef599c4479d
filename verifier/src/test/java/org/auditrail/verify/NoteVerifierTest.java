package org.auditrail.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NoteVerifierTest {

    /** The verifier key of the golang.org/x/mod/sumdb/note example. */
    static final String GO_VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";

    private final SecureRandom random = new SecureRandom();

    @Test
    void theGoVerifierKeyVerifiesTheGoNote() throws CheckpointParseException {
        NoteVerifier verifier = NoteVerifier.parseVkey(GO_VKEY);

        assertThat(verifier.keyName()).isEqualTo("PeterNeumann");
        assertThat(TestVectors.hex(verifier.keyId())).isEqualTo("c74f20a3");
        assertThat(verifier.vkey()).isEqualTo(GO_VKEY);
        assertThat(verifier.verifies(SignedNote.parse(SignedNoteTest.GO_NOTE))).isTrue();
    }

    @Test
    void aTamperedBodyDoesNotVerify() throws CheckpointParseException {
        NoteVerifier verifier = NoteVerifier.parseVkey(GO_VKEY);
        SignedNote tampered = SignedNote.parse(SignedNoteTest.GO_NOTE.replace("cryptography", "cryptographY"));

        assertThat(verifier.verifies(tampered)).isFalse();
    }

    @Test
    void aNoteSignedWithAnotherKeyDoesNotVerify() {
        NoteSigner signer = NoteSigner.generate("audit.example/log", random);
        NoteSigner other = NoteSigner.generate("audit.example/log", random);

        assertThat(other.verifier().verifies(signer.sign("body\n"))).isFalse();
    }

    @Test
    void aSignatureByAnotherKeyUnderThisKeysNameAndIdDoesNotVerify() {
        NoteSigner signer = NoteSigner.generate("audit.example/log", random);
        NoteSigner impostor = NoteSigner.generate("audit.example/log", random);
        NoteSignature forged = new NoteSignature("audit.example/log", signer.verifier().keyId(),
                impostor.sign("body\n").signatures().get(0).signature());

        assertThat(signer.verifier().verifies(new SignedNote("body\n", List.of(forged)))).isFalse();
    }

    @Test
    void theTrustedKeysSignatureIsFoundAmongOthers() {
        NoteSigner log = NoteSigner.generate("audit.example/log", random);
        NoteSigner witness = NoteSigner.generate("witness.example", random);
        SignedNote note = new SignedNote("body\n", List.of(witness.sign("body\n").signatures().get(0),
                log.sign("body\n").signatures().get(0)));

        assertThat(log.verifier().verifies(note)).isTrue();
        assertThat(witness.verifier().verifies(note)).isTrue();
    }

    @Test
    void aGeneratedVerifierKeyReadsBackAsTheSameVerifier() throws CheckpointParseException {
        NoteVerifier verifier = NoteSigner.generate("audit.example/log", random).verifier();

        NoteVerifier readBack = NoteVerifier.parseVkey(verifier.vkey());

        assertThat(readBack.keyName()).isEqualTo("audit.example/log");
        assertThat(readBack.keyId()).isEqualTo(verifier.keyId());
        assertThat(readBack.vkey()).isEqualTo(verifier.vkey());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "key id of another key | PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
                + " | key id in vkey PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
                + " does not match the key, whose key id is c74f20a3",
        "key id of another name | PeterNeuman+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
                + " | key id in vkey PeterNeuman+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
                + " does not match the key, whose key id is 94245f47",
        "two fields | PeterNeumann+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
                + " | vkey must have the form name+keyid+key, but was:"
                + " PeterNeumann+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        "one field | PeterNeumann | vkey must have the form name+keyid+key, but was: PeterNeumann",
        "short key id | PeterNeumann+c74f20a+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
                + " | key id in vkey must be 8 hex digits, but was: c74f20a",
        "key not base64 | PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzh!!"
                + " | key in vkey must be base64, but was: ARpc2QcUPDhMQegwxbzh!!",
        "algorithm 0x04 of cosignatures | remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2"
                + " | key in vkey must be of algorithm 0x01 (Ed25519), but was:"
                + " remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2",
        "key of 31 bytes | PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10Q="
                + " | Ed25519 key in vkey must have 32 bytes, but has 31:"
                + " PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10Q=",
        "name with a space | Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
                + " | key name must not contain whitespace or '+', but was: Peter Neumann"
                + " (in vkey: Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW)",
    })
    void aMalformedOrMismatchedVerifierKeyIsRejected(String description, String vkey, String message) {
        assertThatThrownBy(() -> NoteVerifier.parseVkey(vkey))
                .isInstanceOf(CheckpointParseException.class)
                .hasMessage(message);
    }
}
