package org.auditrail.siem;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.auditrail.store.SealedLog.SealedEvent;
import org.junit.jupiter.api.Test;

class SyslogFormatTest {

  private static final String EVENT = "{\"actor\":{\"id\":\"ma\\\"ry] \\\\x\",\"type\":\"user\"},"
      + "\"event_id\":\"e-1\",\"event_type\":\"task_completed\",\"timestamp\":\"2026-01-12T09:30:00.000Z\","
      + "\"trace_id\":\"pi-1\",\"output\":{\"note\":\"Grüße\"}}";

  @Test
  void aFrameCountsTheOctetsOfAnRfc5424MessageAndEscapesStructuredDataValues() {
    byte[] frame = new SyslogFormat("node 1", "auditrail").frame(SealedEventFields.of(new SealedEvent(7, "e-1",
        EVENT)));

    String message = "<110>1 2026-01-12T09:30:00.000Z node_1 auditrail - task_completed [auditrail@32473"
        + " log_index=\"7\" event_id=\"e-1\" trace_id=\"pi-1\" actor_type=\"user\" actor_id=\"ma\\\"ry\\] \\\\x\"] "
        + EVENT;
    assertThat(new String(frame, StandardCharsets.UTF_8))
        .isEqualTo(message.getBytes(StandardCharsets.UTF_8).length + " " + message);
  }
}
