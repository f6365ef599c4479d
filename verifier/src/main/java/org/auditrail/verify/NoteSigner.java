package org.auditrail.verify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;

/** An Ed25519 key that signs notes under its key name, such as the log's key signing each checkpoint. */
public final class NoteSigner {

    private static final String PEM_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String PEM_END = "-----END PRIVATE KEY-----";

    private final Ed25519PrivateKeyParameters privateKey;
    private final NoteVerifier verifier;

    public NoteSigner(String keyName, Ed25519PrivateKeyParameters privateKey) {
        this.privateKey = privateKey;
        this.verifier = new NoteVerifier(keyName, privateKey.generatePublicKey());
    }

    public static NoteSigner generate(String keyName, SecureRandom random) {
        return new NoteSigner(keyName, new Ed25519PrivateKeyParameters(random));
    }

    /** Reads an Ed25519 key from a PKCS#8 "PRIVATE KEY" PEM block, as {@code openssl genpkey} writes it. */
    public static NoteSigner fromPkcs8Pem(String keyName, String pem) {
        int begin = pem.indexOf(PEM_BEGIN);
        int end = pem.indexOf(PEM_END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("PEM must contain a " + PEM_BEGIN + " block");
        }
        AsymmetricKeyParameter key;
        try {
            byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + PEM_BEGIN.length(), end));
            key = PrivateKeyFactory.createKey(der);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("PEM does not hold a readable PKCS#8 private key: " + e.getMessage(), e);
        }
        if (!(key instanceof Ed25519PrivateKeyParameters ed25519)) {
            throw new IllegalArgumentException(
                    "PEM holds a " + key.getClass().getSimpleName() + ", but the key must be Ed25519");
        }
        return new NoteSigner(keyName, ed25519);
    }

    /** The private key as a PKCS#8 "PRIVATE KEY" PEM block, which {@code openssl pkey} reads. */
    public String toPkcs8Pem() {
        byte[] der;
        try {
            der = PrivateKeyInfoFactory.createPrivateKeyInfo(privateKey).getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException("an Ed25519 key must encode as PKCS#8", e);
        }
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return PEM_BEGIN + "\n" + base64 + "\n" + PEM_END + "\n";
    }

    /** Signs the UTF-8 bytes of the body, which must end with a newline. */
    public SignedNote sign(String body) {
        byte[] message = body.getBytes(StandardCharsets.UTF_8);
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, privateKey);
        signer.update(message, 0, message.length);
        NoteSignature signature = new NoteSignature(verifier.keyName(), verifier.keyId(), signer.generateSignature());
        return new SignedNote(body, List.of(signature));
    }

    public NoteVerifier verifier() {
        return verifier;
    }
}
