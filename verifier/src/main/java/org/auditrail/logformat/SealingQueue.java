package org.auditrail.logformat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The row format of the sealing queue, {@code audit_unsealed}: every write of events queues them as one row whose
 * {@code entries} hold, per event in sealing order, its id and its leaf hash. One row per write instead of one per
 * event, and a leaf the writer already computed, spare the sequencer a queue row and a read-back of every event;
 * the verifier still recomputes every leaf from the stored event, so a queued leaf that does not match is caught.
 */
public final class SealingQueue {

    private static final int LEAF_SIZE = 32;

    private SealingQueue() {}

    /** One queued event: its id and the leaf hash it is to be sealed with. */
    public record Queued(String eventId, byte[] leafHash) {

        public Queued {
            if (leafHash.length != LEAF_SIZE) {
                throw new IllegalArgumentException("a leaf hash has 32 bytes, not " + leafHash.length);
            }
        }
    }

    /** Each entry: the id's length in one byte, the id in ASCII, the 32-byte leaf hash. */
    public static byte[] encode(List<Queued> events) {
        int size = 0;
        for (Queued event : events) {
            size += 1 + event.eventId().length() + LEAF_SIZE;
        }
        ByteBuffer entries = ByteBuffer.allocate(size);
        for (Queued event : events) {
            String id = event.eventId();
            if (id.length() > 127) {
                throw notAscii(id);
            }
            entries.put((byte) id.length());
            // Every write of events comes through here: a loop, not a stream or a byte array per id.
            for (int i = 0; i < id.length(); i++) {
                char c = id.charAt(i);
                if (c >= 128) {
                    throw notAscii(id);
                }
                entries.put((byte) c);
            }
            entries.put(event.leafHash());
        }
        return entries.array();
    }

    private static IllegalArgumentException notAscii(String eventId) {
        return new IllegalArgumentException("an event id to queue must be ASCII of at most 127 characters: "
                + eventId);
    }

    public static List<Queued> decode(byte[] entries) {
        List<Queued> events = new ArrayList<>();
        ByteBuffer buffer = ByteBuffer.wrap(entries);
        while (buffer.hasRemaining()) {
            int idLength = buffer.get();
            if (idLength <= 0 || buffer.remaining() < idLength + LEAF_SIZE) {
                throw new IllegalArgumentException("a sealing queue row is cut short at byte " + buffer.position());
            }
            byte[] id = new byte[idLength];
            byte[] leaf = new byte[LEAF_SIZE];
            buffer.get(id).get(leaf);
            events.add(new Queued(new String(id, StandardCharsets.US_ASCII), leaf));
        }
        return events;
    }
}
