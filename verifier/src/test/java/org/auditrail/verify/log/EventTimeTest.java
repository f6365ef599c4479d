package org.auditrail.verify.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EventTimeTest {

    private static final DateTimeFormatter REFERENCE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Test
    void writesWhatTheGeneralFormatterWritesForAnyInstant() {
        Random random = new Random(9162);
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_167_219_200L - 86_400L * 400,
                    253_402_300_800L + 86_400L * 400), random.nextInt(1_000_000_000));
            assertThat(EventTime.format(instant)).as("%s", instant).isEqualTo(REFERENCE.format(instant));
        }
        assertThat(EventTime.format(Instant.parse("2026-01-12T09:30:00.0079Z"))).isEqualTo("2026-01-12T09:30:00.007Z");
        assertThat(EventTime.format(Instant.EPOCH)).isEqualTo("1970-01-01T00:00:00.000Z");
    }
}
