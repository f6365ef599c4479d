package org.auditrail.logformat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SealingQueueTest {

    private static byte[] leaf(int fill) {
        byte[] leaf = new byte[32];
        Arrays.fill(leaf, (byte) fill);
        return leaf;
    }

    @Test
    void keepsEveryEventIdAndLeafInOrder() {
        List<SealingQueue.Queued> queued = List.of(
                new SealingQueue.Queued("01a20759-cd15-76f8-9281-78b1317022df", leaf(1)),
                new SealingQueue.Queued("e", leaf(2)));

        byte[] entries = SealingQueue.encode(queued);

        assertThat(entries).hasSize(1 + 36 + 32 + 1 + 1 + 32);
        assertThat(entries[0]).isEqualTo((byte) 36);
        List<SealingQueue.Queued> decoded = SealingQueue.decode(entries);
        assertThat(decoded).extracting(SealingQueue.Queued::eventId)
                .containsExactly("01a20759-cd15-76f8-9281-78b1317022df", "e");
        assertThat(decoded.get(0).leafHash()).isEqualTo(leaf(1));
        assertThat(decoded.get(1).leafHash()).isEqualTo(leaf(2));
    }

    @Test
    void refusesARowCutShortAndIdsItCannotHold() {
        byte[] entries = SealingQueue.encode(List.of(new SealingQueue.Queued("event-1", leaf(3))));

        assertThatThrownBy(() -> SealingQueue.decode(Arrays.copyOf(entries, entries.length - 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a sealing queue row is cut short at byte 1");
        assertThatThrownBy(() -> SealingQueue.encode(List.of(new SealingQueue.Queued("é", leaf(3)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an event id to queue must be ASCII of at most 127 characters: é");
        assertThatThrownBy(() -> new SealingQueue.Queued("event-1", new byte[31]))
                .hasMessage("a leaf hash has 32 bytes, not 31");
    }
}
