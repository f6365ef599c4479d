package org.auditrail.verify;

/** A Merkle proof that does not prove what it claims; the message says which check failed and with what values. */
public class ProofVerificationException extends Exception {

    private static final long serialVersionUID = 1L;

    public ProofVerificationException(String message) {
        super(message);
    }
}
