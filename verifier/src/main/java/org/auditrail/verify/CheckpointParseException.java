package org.auditrail.verify;

/** A checkpoint, signed note or verifier key that is not well formed; the message quotes the bad value. */
public class CheckpointParseException extends Exception {

    private static final long serialVersionUID = 1L;

    public CheckpointParseException(String message) {
        super(message);
    }
}
