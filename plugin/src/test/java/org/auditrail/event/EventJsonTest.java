package org.auditrail.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Random;
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

  /** Events are written in one pass, without a tree: the result must be what the tree's canonical form is. */
  @Test
  void writesEveryEventExactlyAsTheReferenceCanonicalizesItsTree() throws Exception {
    Random random = new Random(2026);
    AiSnapshot ai = new AiSnapshot(new AiSnapshot.Model("risk", "openai", "gpt-4o-mini-2024-07-18", "validated"),
        new AiSnapshot.Prompt("risk-rating", "1.1.0", "ab".repeat(32)),
        List.of(new AiSnapshot.Tool("vendorDirectory", "2.0.0", "cd".repeat(32), true)),
        new AiSnapshot.RetrievalIndex("regulations", "ef".repeat(32), 12));
    for (int run = 0; run < 300; run++) {
      AuditEvent event = new AuditEvent(EventIds.next(), "trace-" + run, run % 3 == 0 ? null : EventIds.next(),
          Instant.ofEpochMilli(random.nextLong(0, 4_000_000_000_000L)),
          run % 2 == 0 ? Actor.user("mary \"M\" \u0007", null) : Actor.system("job-executor", "job-" + run),
          EventType.values()[run % EventType.values().length],
          EventContext.builder().processInstanceId("pi-" + run).businessKey(run % 4 == 0 ? null : "KYC-€-" + run)
              .processDefinition("def:" + run, "kyc", run).build(),
          run % 5 == 0 ? null : new Snapshot("def:" + run, "dep-" + run, "kyc.bpmn", "00".repeat(32))
              .withAi(run % 2 == 0 ? ai : null),
          CanonicalJsonTest.randomTree(random, 0), CanonicalJsonTest.randomTree(random, 1),
          (ObjectNode) CanonicalJsonTest.randomTree(random, 2), Outcome.values()[run % Outcome.values().length],
          run % 7 == 0 ? new EventError("timeout", "no answer\tafter 30 s") : null);

      JsonNode tree = EventJson.mapper().valueToTree(event);
      assertThat(EventJson.canonical(event)).as("event %s", tree)
          .isEqualTo(EventJson.canonical(tree))
          .isEqualTo(CanonicalJsonTest.reference(tree));
    }
  }

  @Test
  void issuesTimeOrderedVersion7Ids() {
    String first = EventIds.next();
    String second = EventIds.next();
    assertThat(first).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    assertThat(second).isGreaterThan(first);
  }
}
