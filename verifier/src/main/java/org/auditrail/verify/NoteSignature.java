package org.auditrail.verify;

/** One signature of a signed note: the key's name, its 4-byte key id, and the signature over the note's body. */
public record NoteSignature(String keyName, byte[] keyId, byte[] signature) {

    static final int KEY_ID_SIZE = 4;

    public NoteSignature {
        KeyName.require(keyName);
        if (keyId.length != KEY_ID_SIZE) {
            throw new IllegalArgumentException(
                    "key id has " + keyId.length + " bytes, but must have " + KEY_ID_SIZE);
        }
        if (signature.length == 0) {
            throw new IllegalArgumentException("signature must not be empty");
        }
        keyId = keyId.clone();
        signature = signature.clone();
    }

    @Override
    public byte[] keyId() {
        return keyId.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }
}
