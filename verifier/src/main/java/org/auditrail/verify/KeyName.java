package org.auditrail.verify;

/**
 * The name of a signing key in a signed note. Whitespace would break the signature line and '+' the vkey, whose
 * fields it separates.
 */
final class KeyName {

    private KeyName() {
    }

    /** Returns the name if it is valid; throws otherwise. */
    static String require(String name) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("key name must not be empty");
        }
        boolean invalid = name.codePoints()
                .anyMatch(c -> c == '+' || Character.isWhitespace(c) || Character.isSpaceChar(c));
        if (invalid) {
            throw new IllegalArgumentException("key name must not contain whitespace or '+', but was: " + name);
        }
        return name;
    }
}
