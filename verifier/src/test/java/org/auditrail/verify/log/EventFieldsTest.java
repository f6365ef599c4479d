package org.auditrail.verify.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class EventFieldsTest {

  @Test
  void readsTheFieldsTheColumnsFollowFromAndSkipsTheRest() throws Exception {
    EventFields event = EventFields.read("{\"actor\":{\"id\":\"mary\",\"run_id\":null,\"type\":\"user\"},"
        + "\"after\":{\"name\":\"x\",\"value\":{\"list\":[1,{\"event_id\":\"nested\"},\"}]\\\"{\"],\"n\":-1.5e3}},"
        + "\"context\":{\"activity_instance_id\":\"a-1\",\"business_key\":\"bk-1\",\"nested\":{\"trace_id\":\"no\"},"
        + "\"process_instance_id\":\"pi-1\",\"variable_instance_id\":\"v-1\"},\"event_id\":\"e-1\","
        + "\"event_type\":\"variable_updated\",\"parent_event_id\":null,\"schema_version\":1,"
        + "\"timestamp\":\"2026-01-12T09:30:00.000Z\",\"trace_id\":\"t-1\"}");

    assertThat(event).isEqualTo(new EventFields("e-1", "variable_updated", "t-1", null, "2026-01-12T09:30:00.000Z",
        "user", "mary", "pi-1", "bk-1", "a-1", "v-1"));
  }

  @Test
  void resolvesEscapesInTheValuesItReads() throws Exception {
    EventFields event = EventFields.read(" {\"context\" : {\"business_key\" : \"K\\\"1\\\\\\u00e9\\n\"},"
        + " \"event_id\":\"e-1\"} ");

    assertThat(event.businessKey()).isEqualTo("K\"1\\\u00e9\n");
    assertThat(event.eventId()).isEqualTo("e-1");
  }

  @Test
  void aWantedFieldThatIsNoStringReadsAsNull() throws Exception {
    EventFields event = EventFields.read("{\"actor\":\"system\",\"event_id\":7,\"trace_id\":{\"id\":\"t\"}}");

    assertThat(event.eventId()).isNull();
    assertThat(event.traceId()).isNull();
    assertThat(event.actorId()).isNull();
  }

  @Test
  void anythingButOneJsonObjectFails() {
    assertThatThrownBy(() -> EventFields.read("[1]")).isInstanceOf(IOException.class)
        .hasMessage("expected '{' at character 0");
    assertThatThrownBy(() -> EventFields.read("{\"event_id\":\"e-1\"} {}")).isInstanceOf(IOException.class)
        .hasMessage("text after the event's object at character 19");
    assertThatThrownBy(() -> EventFields.read("{\"event_id\":\"e-1}")).isInstanceOf(IOException.class)
        .hasMessage("the text ends too early at character 17");
    assertThatThrownBy(() -> EventFields.read("{\"event_id\" \"e-1\"}")).isInstanceOf(IOException.class)
        .hasMessage("expected ':' at character 12");
    assertThatThrownBy(() -> EventFields.read("{\"a\":{\"b\":1}\"c\":2}")).isInstanceOf(IOException.class)
        .hasMessage("expected ',' or '}' at character 12");
    assertThatThrownBy(() -> EventFields.read("{\"a\":,\"b\":1}")).isInstanceOf(IOException.class)
        .hasMessage("expected a value at character 5");
  }
}
