package org.auditrail.verify;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * The compact range of a growing tree: the roots of its perfect subtrees, one per set bit of its size, largest
 * first. It is all a log needs to append a leaf and compute the new root without reading its earlier leaves.
 */
public final class MerkleFrontier {

    private static final int SIZE_BYTES = Long.BYTES;

    private final MessageDigest sha256 = Rfc6962.sha256();
    private final List<byte[]> subtreeRoots;
    private long size;

    public MerkleFrontier() {
        this(0, new ArrayList<>());
    }

    private MerkleFrontier(long size, List<byte[]> subtreeRoots) {
        this.size = size;
        this.subtreeRoots = subtreeRoots;
    }

    public void append(byte[] leafHash) {
        if (leafHash.length != Rfc6962.HASH_SIZE) {
            throw new IllegalArgumentException(
                    "leaf hash has " + leafHash.length + " bytes, but must have " + Rfc6962.HASH_SIZE);
        }
        byte[] node = leafHash.clone();
        // Each trailing one bit of the old size is a subtree of the new leaf's size that now has a right sibling.
        for (long bits = size; (bits & 1) == 1; bits >>>= 1) {
            node = Rfc6962.nodeHash(sha256, subtreeRoots.remove(subtreeRoots.size() - 1), node);
        }
        subtreeRoots.add(node);
        size++;
    }

    public long size() {
        return size;
    }

    /** The root of the tree of all appended leaves: the subtree roots folded together from the smallest. */
    public byte[] root() {
        if (size == 0) {
            return Rfc6962.emptyRoot();
        }
        byte[] root = subtreeRoots.get(subtreeRoots.size() - 1).clone();
        for (int i = subtreeRoots.size() - 2; i >= 0; i--) {
            root = Rfc6962.nodeHash(sha256, subtreeRoots.get(i), root);
        }
        return root;
    }

    /** The size as 8 bytes big-endian, followed by the 32-byte subtree roots, largest first. */
    public byte[] toBytes() {
        ByteBuffer bytes = ByteBuffer.allocate(SIZE_BYTES + subtreeRoots.size() * Rfc6962.HASH_SIZE);
        bytes.putLong(size);
        subtreeRoots.forEach(bytes::put);
        return bytes.array();
    }

    /** Reads what {@link #toBytes()} wrote, checking that the number of hashes fits the size. */
    public static MerkleFrontier fromBytes(byte[] bytes) {
        if (bytes.length < SIZE_BYTES) {
            throw new IllegalArgumentException(
                    "a frontier needs at least " + SIZE_BYTES + " bytes for its size, but has " + bytes.length);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long size = buffer.getLong();
        if (size < 0) {
            throw new IllegalArgumentException("frontier size must not be negative, but was: " + size);
        }
        int expectedLength = SIZE_BYTES + Long.bitCount(size) * Rfc6962.HASH_SIZE;
        if (bytes.length != expectedLength) {
            throw new IllegalArgumentException("a frontier of size " + size + " must have " + expectedLength
                    + " bytes, but has " + bytes.length);
        }
        List<byte[]> subtreeRoots = new ArrayList<>();
        while (buffer.hasRemaining()) {
            byte[] hash = new byte[Rfc6962.HASH_SIZE];
            buffer.get(hash);
            subtreeRoots.add(hash);
        }
        return new MerkleFrontier(size, subtreeRoots);
    }
}
