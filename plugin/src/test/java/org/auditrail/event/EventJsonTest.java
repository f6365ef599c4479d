package org.auditrail.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventJsonTest {

  @Test
  void writesTheCanonicalFormWithSortedKeysEveryTopLevelFieldAndMillisecondTimestamps() {
    AuditEvent event = new AuditEvent("01a20759-cd15-76f8-9281-78b1317022df", "trace-1", null,
        Instant.parse("2026-01-12T09:30:00Z"), Actor.user("mary", null), EventType.TASK_COMPLETED,
        EventContext.builder().processInstanceId("pi-1").businessKey("KYC-1").build(), null,
        null, EventJson.mapper().createObjectNode().put("amount", 1e21).put("ratio", 0.1), null, Outcome.SUCCESS,
        null);

    assertThat(EventJson.canonical(event)).isEqualTo("{\"actor\":{\"id\":\"mary\",\"run_id\":null,\"type\":\"user\"},"
        + "\"context\":{\"business_key\":\"KYC-1\",\"process_instance_id\":\"pi-1\"},\"error\":null,"
        + "\"event_id\":\"01a20759-cd15-76f8-9281-78b1317022df\",\"event_type\":\"task_completed\",\"input\":null,"
        + "\"metadata\":null,\"outcome\":\"success\",\"output\":{\"amount\":1e+21,\"ratio\":0.1},"
        + "\"parent_event_id\":null,\"snapshot\":null,\"timestamp\":\"2026-01-12T09:30:00.000Z\","
        + "\"trace_id\":\"trace-1\"}");
  }

  @Test
  void issuesTimeOrderedVersion7Ids() {
    String first = EventIds.next();
    String second = EventIds.next();
    assertThat(first).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    assertThat(second).isGreaterThan(first);
  }
}
