package org.auditrail.verify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * A trusted Ed25519 key that checks the signatures of signed notes. Its key id binds the name to the key, so a
 * signature line naming the right key but made with another one is never tried as a match.
 */
public final class NoteVerifier {

    /** The C2SP signed-note algorithm byte of Ed25519. */
    private static final byte ED25519 = 0x01;

    private final String keyName;
    private final Ed25519PublicKeyParameters publicKey;
    private final byte[] keyId;

    public NoteVerifier(String keyName, Ed25519PublicKeyParameters publicKey) {
        this.keyName = KeyName.require(keyName);
        this.publicKey = publicKey;
        this.keyId = computeKeyId(keyName, publicKey);
    }

    public String keyName() {
        return keyName;
    }

    public byte[] keyId() {
        return keyId.clone();
    }

    /** The verifier key in C2SP form, name+keyid+base64(0x01 || key), as logs publish it. */
    public String vkey() {
        return keyName + "+" + HexFormat.of().formatHex(keyId) + "+"
                + Base64.getEncoder().encodeToString(typedKey(publicKey));
    }

    /** Reads a C2SP verifier key, checking that its key id is the one its name and key give. */
    public static NoteVerifier parseVkey(String vkey) throws CheckpointParseException {
        // The base64 of the key may itself contain '+', so only the first two separate fields.
        String[] fields = vkey.split("\\+", 3);
        if (fields.length != 3) {
            throw new CheckpointParseException("vkey must have the form name+keyid+key, but was: " + vkey);
        }
        if (!fields[1].matches("[0-9a-fA-F]{8}")) {
            throw new CheckpointParseException("key id in vkey must be 8 hex digits, but was: " + fields[1]);
        }
        byte[] typedKey;
        try {
            typedKey = Base64.getDecoder().decode(fields[2]);
        } catch (IllegalArgumentException e) {
            throw new CheckpointParseException("key in vkey must be base64, but was: " + fields[2]);
        }
        if (typedKey.length == 0 || typedKey[0] != ED25519) {
            throw new CheckpointParseException("key in vkey must be of algorithm 0x01 (Ed25519), but was: " + vkey);
        }
        if (typedKey.length != 1 + Ed25519PublicKeyParameters.KEY_SIZE) {
            throw new CheckpointParseException("Ed25519 key in vkey must have " + Ed25519PublicKeyParameters.KEY_SIZE
                    + " bytes, but has " + (typedKey.length - 1) + ": " + vkey);
        }
        NoteVerifier verifier;
        try {
            verifier = new NoteVerifier(fields[0], new Ed25519PublicKeyParameters(typedKey, 1));
        } catch (IllegalArgumentException e) {
            throw new CheckpointParseException(e.getMessage() + " (in vkey: " + vkey + ")");
        }
        if (!Arrays.equals(verifier.keyId, HexFormat.of().parseHex(fields[1]))) {
            throw new CheckpointParseException("key id in vkey " + vkey + " does not match the key, whose key id is "
                    + HexFormat.of().formatHex(verifier.keyId));
        }
        return verifier;
    }

    /** Whether a signature line with this key's name and key id verifies over the note's body. */
    public boolean verifies(SignedNote note) {
        byte[] body = note.body().getBytes(StandardCharsets.UTF_8);
        return note.signatures().stream()
                .filter(signature -> signature.keyName().equals(keyName)
                        && Arrays.equals(signature.keyId(), keyId))
                .anyMatch(signature -> verifies(body, signature.signature()));
    }

    private boolean verifies(byte[] message, byte[] signature) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(false, publicKey);
        signer.update(message, 0, message.length);
        return signer.verifySignature(signature);
    }

    /** The first 4 bytes of SHA-256(name || 0x0A || 0x01 || key). */
    private static byte[] computeKeyId(String keyName, Ed25519PublicKeyParameters publicKey) {
        MessageDigest sha256 = Rfc6962.sha256();
        sha256.update(keyName.getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) '\n');
        return Arrays.copyOf(sha256.digest(typedKey(publicKey)), NoteSignature.KEY_ID_SIZE);
    }

    private static byte[] typedKey(Ed25519PublicKeyParameters publicKey) {
        byte[] typedKey = new byte[1 + Ed25519PublicKeyParameters.KEY_SIZE];
        typedKey[0] = ED25519;
        publicKey.encode(typedKey, 1);
        return typedKey;
    }
}
