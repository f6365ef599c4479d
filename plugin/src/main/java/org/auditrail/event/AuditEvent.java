package org.auditrail.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One audit record. The JSON field names (snake_case) are a public contract documented in the README;
 * change them only together with a migration.
 *
 * @param eventId time-ordered unique id (UUIDv7)
 * @param traceId the case: the root process instance id, shared by every event of one case
 * @param parentEventId the event that started the scope this event happened in, or {@code null}
 * @param timestamp when it happened, UTC with millisecond precision
 * @param actor who or what did it
 * @param eventType what happened, one of {@link EventType}
 * @param context where in which process it happened
 * @param snapshot what the process definition was at that moment
 * @param input what went in (start variables, old value, alternatives of a decision, ...)
 * @param output what came out (new value, the decision taken, ...)
 * @param metadata further facts that are neither input nor output
 * @param outcome success, error or escalated
 * @param error what went wrong, when the outcome is an error
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AuditEvent(
    String eventId,
    String traceId,
    String parentEventId,
    Instant timestamp,
    Actor actor,
    EventType eventType,
    EventContext context,
    Snapshot snapshot,
    JsonNode input,
    JsonNode output,
    ObjectNode metadata,
    Outcome outcome,
    EventError error) {

  /**
   * Cut to the millisecond the schema states, whoever made the instant: the JSON would cut it while a timestamp
   * column may round it, and the verifier compares the two.
   */
  public AuditEvent {
    timestamp = timestamp == null ? null : timestamp.truncatedTo(ChronoUnit.MILLIS);
  }

  /** This event with another context, such as one whose business key became a token before it is written. */
  public AuditEvent withContext(EventContext other) {
    return new AuditEvent(eventId, traceId, parentEventId, timestamp, actor, eventType, other, snapshot, input,
        output, metadata, outcome, error);
  }
}
