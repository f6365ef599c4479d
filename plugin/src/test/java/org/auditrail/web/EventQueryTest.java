package org.auditrail.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.auditrail.event.EventType;
import org.auditrail.trail.EventFilter;
import org.junit.jupiter.api.Test;

class EventQueryTest {

  @Test
  void readsEveryFilter() {
    EventFilter filter = EventQuery.parse(Map.of("businessKey", new String[] {"KYC-1"},
        "processInstanceId", new String[] {"pi-1"}, "eventType", new String[] {"task_completed"},
        "actorId", new String[] {"mary"}, "from", new String[] {"2026-01-12T00:00:00Z"},
        "to", new String[] {"2026-01-13T00:00:00Z"}, "page", new String[] {"2"}, "size", new String[] {"20"}), 500);
    assertThat(filter).isEqualTo(new EventFilter("KYC-1", "pi-1", EventType.TASK_COMPLETED, "mary",
        Instant.parse("2026-01-12T00:00:00Z"), Instant.parse("2026-01-13T00:00:00Z"), 2, 20));
  }

  @Test
  void defaultsToTheFirstPageOfFifty() {
    assertThat(EventQuery.parse(Map.of(), 500))
        .isEqualTo(new EventFilter(null, null, null, null, null, null, 0, 50));
  }

  @Test
  void namesTheParameterAndValueThatAreWrong() {
    assertRejected(Map.of("page", new String[] {"-1"}), "page", "'page' must be between 0 and 2147483647, but was: -1");
    assertRejected(Map.of("size", new String[] {"ten"}), "size", "'size' must be a whole number, but was: ten");
    assertRejected(Map.of("size", new String[] {"501"}), "size", "'size' must be between 1 and 500, but was: 501");
    assertRejected(Map.of("actorId", new String[] {" "}), "actorId",
        "parameter 'actorId' is empty; leave it out or give a value");
    assertRejected(Map.of("actorId", new String[] {"a", "b"}), "actorId",
        "parameter 'actorId' was given 2 times; give it once");
    assertRejected(Map.of("from", new String[] {"2026-02-01T00:00:00Z"}, "to", new String[] {"2026-01-01T00:00:00Z"}),
        "to", "'to' must be after 'from', but 2026-01-01T00:00:00Z is not after 2026-02-01T00:00:00Z");
    assertRejected(Map.of("user", new String[] {"x"}), "user", "unknown parameter 'user'; the events query accepts"
        + " [actorId, businessKey, eventType, from, page, processInstanceId, size, to]");
  }

  private static void assertRejected(Map<String, String[]> parameters, String parameter, String message) {
    assertThatThrownBy(() -> EventQuery.parse(parameters, 500))
        .isInstanceOfSatisfying(ApiProblemException.class, e -> assertThat(e.parameter()).isEqualTo(parameter))
        .hasMessage(message);
  }
}
