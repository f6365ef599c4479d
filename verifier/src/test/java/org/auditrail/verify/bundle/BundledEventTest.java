package org.auditrail.verify.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BundledEventTest {

  private static final String A = "a".repeat(64);
  private static final String B = "b".repeat(64);

  @Test
  void readsTheTopLevelIdsAndContentReferencesAtAnyDepth() throws Exception {
    BundledEvent event = read("{\"context\":{\"event_id\":\"nested\"},\"event_id\":\"e1\","
        + "\"input\":{\"alternatives\":[\"" + "c".repeat(64) + "\"],\"variables\":[{\"value\":{\"content_sha256\":\"" + A
        + "\"}}]},"
        + "\"snapshot\":{\"bpmn_sha256\":\"" + B + "\"},\"trace_id\":\"t1\"}");

    assertThat(event.eventId()).isEqualTo("e1");
    assertThat(event.traceId()).isEqualTo("t1");
    assertThat(event.blobReferences()).containsExactly(A, B);
  }

  @Test
  void aValueThatIsNoContentKeyReferencesNoBlob() throws Exception {
    BundledEvent event = read("{\"event_id\":\"e1\",\"output\":{\"value\":{\"value\":{"
        + "\"content_sha256\":\"../../etc/passwd\",\"bpmn_sha256\":42}}}}");

    assertThat(event.blobReferences()).isEmpty();
  }

  @Test
  void anEventMustBeOneJsonObject() {
    assertThatThrownBy(() -> read("[1]")).isInstanceOf(IOException.class)
        .hasMessage("an event must be a JSON object");
    assertThatThrownBy(() -> read("{\"event_id\":\"e1\"} {}")).isInstanceOf(IOException.class)
        .hasMessage("the event has content after its JSON object");
  }

  private static BundledEvent read(String json) throws IOException {
    return BundledEvent.read(json.getBytes(StandardCharsets.UTF_8));
  }
}
