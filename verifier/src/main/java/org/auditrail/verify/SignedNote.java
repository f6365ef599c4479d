package org.auditrail.verify;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A C2SP signed note (https://c2sp.org/signed-note): a body of newline-terminated lines, a blank line, and one line
 * per signature. Parsing only reads the signatures; {@link NoteVerifier} decides whether one of them is trusted.
 */
public record SignedNote(String body, List<NoteSignature> signatures) {

    private static final String SIGNATURE_PREFIX = "\u2014 ";

    public SignedNote {
        if (!body.endsWith("\n")) {
            throw new IllegalArgumentException("note body must end with a newline, but was: " + body);
        }
        signatures = List.copyOf(signatures);
        if (signatures.isEmpty()) {
            throw new IllegalArgumentException("a signed note must have at least one signature");
        }
    }

    /** The note as it is stored and sent: the body, a blank line, and the signature lines. */
    public String text() {
        StringBuilder text = new StringBuilder(body).append('\n');
        for (NoteSignature signature : signatures) {
            byte[] keyId = signature.keyId();
            byte[] signatureBytes = signature.signature();
            byte[] keyIdAndSignature = ByteBuffer.allocate(keyId.length + signatureBytes.length)
                    .put(keyId).put(signatureBytes).array();
            text.append(SIGNATURE_PREFIX).append(signature.keyName()).append(' ')
                    .append(Base64.getEncoder().encodeToString(keyIdAndSignature)).append('\n');
        }
        return text.toString();
    }

    /** Splits a note at its last blank line into the body and the signature lines, and reads each signature. */
    public static SignedNote parse(String text) throws CheckpointParseException {
        int split = text.lastIndexOf("\n\n");
        if (split < 0 || split + 2 == text.length()) {
            throw new CheckpointParseException("signed note has no signature lines after a blank line: " + text);
        }
        if (!text.endsWith("\n")) {
            throw new CheckpointParseException("signed note must end with a newline, but was: " + text);
        }
        String body = text.substring(0, split + 1);
        List<NoteSignature> signatures = new ArrayList<>();
        for (String line : text.substring(split + 2, text.length() - 1).split("\n", -1)) {
            signatures.add(parseSignatureLine(line));
        }
        return new SignedNote(body, signatures);
    }

    private static NoteSignature parseSignatureLine(String line) throws CheckpointParseException {
        if (!line.startsWith(SIGNATURE_PREFIX)) {
            throw new CheckpointParseException(
                    "signature line must start with an em dash and a space, but was: " + line);
        }
        String[] nameAndSignature = line.substring(SIGNATURE_PREFIX.length()).split(" ", 2);
        if (nameAndSignature.length != 2) {
            throw new CheckpointParseException(
                    "signature line must have a key name and a signature, but was: " + line);
        }
        byte[] keyIdAndSignature;
        try {
            keyIdAndSignature = Base64.getDecoder().decode(nameAndSignature[1]);
        } catch (IllegalArgumentException e) {
            throw new CheckpointParseException("signature must be base64, but was: " + nameAndSignature[1]);
        }
        if (keyIdAndSignature.length <= NoteSignature.KEY_ID_SIZE) {
            throw new CheckpointParseException("signature must have at least 5 bytes (a 4-byte key id and the"
                    + " signature), but has " + keyIdAndSignature.length + ": " + nameAndSignature[1]);
        }
        ByteBuffer bytes = ByteBuffer.wrap(keyIdAndSignature);
        byte[] keyId = new byte[NoteSignature.KEY_ID_SIZE];
        byte[] signature = new byte[bytes.remaining() - NoteSignature.KEY_ID_SIZE];
        bytes.get(keyId).get(signature);
        try {
            return new NoteSignature(nameAndSignature[0], keyId, signature);
        } catch (IllegalArgumentException e) {
            throw new CheckpointParseException(e.getMessage() + " (in signature line: " + line + ")");
        }
    }
}
