package org.auditrail.verify;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The body of a C2SP tlog checkpoint (https://c2sp.org/tlog-checkpoint): which log, how many leaves, and the root of
 * the tree over them. Signed as a note, it is what a log commits to and what witnesses compare.
 */
public record Checkpoint(String origin, long size, byte[] rootHash) {

    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    public Checkpoint {
        if (origin.isEmpty() || origin.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("origin must be one non-empty line, but was: " + origin);
        }
        if (size < 0) {
            throw new IllegalArgumentException("tree size must not be negative, but was: " + size);
        }
        if (rootHash.length != Rfc6962.HASH_SIZE) {
            throw new IllegalArgumentException(
                    "root hash has " + rootHash.length + " bytes, but must have " + Rfc6962.HASH_SIZE);
        }
        rootHash = rootHash.clone();
    }

    @Override
    public byte[] rootHash() {
        return rootHash.clone();
    }

    /** The three lines of the checkpoint, each ending in a newline. */
    public String body() {
        return origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(rootHash) + "\n";
    }

    /** Reads a checkpoint body; lines after the third are extensions, which this log does not use and ignores. */
    public static Checkpoint parse(String body) throws CheckpointParseException {
        if (!body.endsWith("\n")) {
            throw new CheckpointParseException("checkpoint must end with a newline, but was: " + body);
        }
        String[] lines = body.substring(0, body.length() - 1).split("\n", -1);
        if (lines.length < 3) {
            throw new CheckpointParseException("checkpoint must have at least 3 lines, but has " + lines.length);
        }
        if (lines[0].isEmpty()) {
            throw new CheckpointParseException("origin line is empty");
        }
        return new Checkpoint(lines[0], parseSize(lines[1]), parseRootHash(lines[2]));
    }

    private static long parseSize(String line) throws CheckpointParseException {
        if (!DIGITS.matcher(line).matches()) {
            throw new CheckpointParseException("tree size must be a decimal number, but was: " + line);
        }
        // Leading zeros would give one checkpoint several bodies, and so several valid signatures.
        if (line.length() > 1 && line.charAt(0) == '0') {
            throw new CheckpointParseException("tree size must not have leading zeros, but was: " + line);
        }
        try {
            return Long.parseLong(line);
        } catch (NumberFormatException e) {
            throw new CheckpointParseException(
                    "tree size must be at most " + Long.MAX_VALUE + ", but was: " + line);
        }
    }

    private static byte[] parseRootHash(String line) throws CheckpointParseException {
        byte[] hash;
        try {
            hash = Base64.getDecoder().decode(line);
        } catch (IllegalArgumentException e) {
            hash = null;
        }
        // Only the canonical, padded encoding, so that the body of a checkpoint is unique.
        if (hash == null || hash.length != Rfc6962.HASH_SIZE
                || !Base64.getEncoder().encodeToString(hash).equals(line)) {
            throw new CheckpointParseException("root hash must be 32 bytes of base64, but was: " + line);
        }
        return hash;
    }

    // A record compares arrays by reference; two checkpoints are equal when their bodies are.
    @Override
    public boolean equals(Object other) {
        return other instanceof Checkpoint that
                && origin.equals(that.origin) && size == that.size && Arrays.equals(rootHash, that.rootHash);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * origin.hashCode() + Long.hashCode(size)) + Arrays.hashCode(rootHash);
    }

    @Override
    public String toString() {
        return "Checkpoint[origin=" + origin + ", size=" + size + ", rootHash=" + HexFormat.of().formatHex(rootHash)
                + "]";
    }
}
