package org.auditrail.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NoteSignerTest {

    /** The private key of the golang.org/x/mod/sumdb/note example: "PRIVATE+KEY+PeterNeumann+c74f20a3+" base64. */
    private static final String GO_PRIVATE_KEY = "AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";

    /** A key made with {@code openssl genpkey -algorithm ed25519}. */
    private static final String OPENSSL_PEM = """
            -----BEGIN PRIVATE KEY-----
            MC4CAQAwBQYDK2VwBCIEILh+k3TQNw//sh6FAx8yz9DbCy1FnJVDFkFa/ncylCrw
            -----END PRIVATE KEY-----
            """;

    /** The checkpoint of the 8 RFC 6962 test leaves. */
    private static final String CHECKPOINT_8 = "audit.example/log\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n";

    /** {@link #CHECKPOINT_8} signed with {@code openssl pkeyutl -sign -rawin} and that key. */
    private static final String OPENSSL_SIGNED_CHECKPOINT_8 = CHECKPOINT_8 + "\n\u2014 audit.example/log "
            + "7uMZMQGu9NDbyhddbixOGXabAE6zx1SzWr/lMCcXOmvQd62zAYMou+w9Wt0+S/WG8ZrWi7EypMAkyENqDccKbOqZPQ4=\n";

    private final SecureRandom random = new SecureRandom();

    @Test
    void signingTheGoExampleGivesTheGoSignedNote() {
        byte[] seed = Arrays.copyOfRange(Base64.getDecoder().decode(GO_PRIVATE_KEY), 1, 33);
        NoteSigner signer = new NoteSigner("PeterNeumann", new Ed25519PrivateKeyParameters(seed));

        assertThat(signer.sign(SignedNoteTest.GO_BODY).text()).isEqualTo(SignedNoteTest.GO_NOTE);
        assertThat(signer.verifier().vkey()).isEqualTo(NoteVerifierTest.GO_VKEY);
    }

    @Test
    void anOpensslKeySignsTheSameNoteAsOpenssl() {
        NoteSigner signer = NoteSigner.fromPkcs8Pem("audit.example/log", OPENSSL_PEM);
        SignedNote note = signer.sign(CHECKPOINT_8);

        assertThat(note.text()).isEqualTo(OPENSSL_SIGNED_CHECKPOINT_8);
        assertThat(signer.verifier().vkey())
                .isEqualTo("audit.example/log+eee31931+ARHBV4t4O+DXQp672YFcIVjRVUh/KFVfMUX4GIf0XMUv");
    }

    @Test
    void aKeyReadBackFromItsPemIsTheSameKey() {
        NoteSigner signer = NoteSigner.generate("audit.example/log", random);

        String pem = signer.toPkcs8Pem();
        NoteSigner readBack = NoteSigner.fromPkcs8Pem("audit.example/log", pem);

        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("\n-----END PRIVATE KEY-----\n");
        assertThat(readBack.verifier().vkey()).isEqualTo(signer.verifier().vkey());
        assertThat(readBack.sign("body\n").text()).isEqualTo(signer.sign("body\n").text());
    }

    @Test
    void aSignedNoteVerifiesWithTheSignersVerifier() throws CheckpointParseException {
        NoteSigner signer = NoteSigner.generate("audit.example/log", random);

        SignedNote parsed = SignedNote.parse(signer.sign("audit.example/log\n0\n"
                + Base64.getEncoder().encodeToString(Rfc6962.emptyRoot()) + "\n").text());

        assertThat(signer.verifier().verifies(parsed)).isTrue();
    }

    @Test
    void aPemWithoutAPrivateKeyIsRejected() {
        assertThatThrownBy(() -> NoteSigner.fromPkcs8Pem("audit.example/log", "-----BEGIN PUBLIC KEY-----\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("PEM must contain a -----BEGIN PRIVATE KEY----- block");
    }

    @Test
    void aPemWithAnotherKindOfKeyIsRejected() {
        String ecPem = """
                -----BEGIN PRIVATE KEY-----
                MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgMtNoaQXRqfE/AttS
                CsHDdMZHQcxMnL3dBZwrVxPn5gShRANCAAS0i+fSZZLHwnh6CxN86k8hBKOuRxYA
                cOwz34e6voCrMM5S5rAOsJQKQX7S6x4a6nDgMheEgAyugpKLnUSHD+9H
                -----END PRIVATE KEY-----
                """;

        assertThatThrownBy(() -> NoteSigner.fromPkcs8Pem("audit.example/log", ecPem))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("PEM holds a ECPrivateKeyParameters, but the key must be Ed25519");
    }

    @Test
    void aPemThatIsNotPkcs8IsRejected() {
        String pem = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n";

        assertThatThrownBy(() -> NoteSigner.fromPkcs8Pem("audit.example/log", pem))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("PEM does not hold a readable PKCS#8 private key: ");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"audit log", "audit\tlog", "audit\u00a0log", "audit+log"})
    void aKeyNameWithWhitespaceOrPlusIsRejected(String keyName) {
        assertThatThrownBy(() -> NoteSigner.generate(keyName, random))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key name must not contain whitespace or '+', but was: " + keyName);
    }

    @Test
    void anEmptyKeyNameIsRejected() {
        assertThatThrownBy(() -> NoteSigner.generate("", random))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key name must not be empty");
    }
}
