package org.auditrail.verify;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The hashing of RFC 6962 (and RFC 9162) with SHA-256. Leaves and inner nodes get different prefixes, so that a leaf
 * can never be passed off as an inner node (a second-preimage attack on the tree).
 */
public final class Rfc6962 {

    /** Length in bytes of every hash in the tree. */
    static final int HASH_SIZE = 32;

    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;

    /** A digest per thread: looking SHA-256 up for each of a million leaves took longer than some hashing. */
    private static final ThreadLocal<MessageDigest> LEAF_DIGEST = ThreadLocal.withInitial(Rfc6962::sha256);

    private Rfc6962() {
    }

    /** SHA-256(0x00 || leafData): the hash of a leaf. */
    public static byte[] leafHash(byte[] leafData) {
        MessageDigest sha256 = LEAF_DIGEST.get();
        sha256.update(LEAF_PREFIX);
        return sha256.digest(leafData);
    }

    /** SHA-256(0x01 || left || right): the hash of an inner node. */
    public static byte[] nodeHash(byte[] left, byte[] right) {
        return nodeHash(sha256(), left, right);
    }

    /** SHA-256 of the empty string: the root of the empty tree. */
    public static byte[] emptyRoot() {
        return sha256().digest();
    }

    /** The node hash with a digest the caller reuses, which matters when hashing a million leaves. */
    static byte[] nodeHash(MessageDigest sha256, byte[] left, byte[] right) {
        sha256.update(NODE_PREFIX);
        sha256.update(left);
        return sha256.digest(right);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide SHA-256", e);
        }
    }
}
