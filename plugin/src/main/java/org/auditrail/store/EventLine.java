package org.auditrail.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.util.Comparator;
import org.auditrail.event.EventJson;
import org.auditrail.event.EventType;
import org.auditrail.verify.log.EventColumns;
import org.auditrail.verify.log.EventFields;

/**
 * One event as a command row stores it: its line of canonical JSON, and the fields a query filters and orders on,
 * read by the verifier's one-pass reader under the same column rules the verifier checks. The whole JSON tree is
 * parsed only for a caller that asks for it: most reads hand back the stored text.
 */
final class EventLine {

  private static final String TRACE_SEALED = EventType.TRACE_SEALED.wireName();
  static final Comparator<EventLine> RECORDED = Comparator.comparing(EventLine::eventId);
  static final Comparator<EventLine> BY_TIME = Comparator.comparing(EventLine::time).thenComparing(RECORDED);

  private final String json;
  private final EventFields fields;
  private final Instant time;
  private JsonNode event;

  private EventLine(String json, EventFields fields) {
    this.json = json;
    this.fields = fields;
    this.time = Instant.parse(fields.timestamp());
  }

  static EventLine parse(String json) {
    try {
      return new EventLine(json, EventFields.read(json));
    } catch (IOException | RuntimeException e) {
      throw new AuditStorageException("AUDIT-012 a stored audit event is not valid JSON: " + e.getMessage(), e);
    }
  }

  String json() {
    return json;
  }

  /** The event as a JSON tree, parsed on first use. */
  JsonNode event() {
    if (event == null) {
      try {
        event = EventJson.mapper().readTree(json);
      } catch (JsonProcessingException e) {
        throw new AuditStorageException("AUDIT-012 a stored audit event is not valid JSON: "
            + e.getOriginalMessage(), e);
      }
    }
    return event;
  }

  String eventId() {
    return fields.eventId();
  }

  String traceId() {
    return fields.traceId();
  }

  String parentEventId() {
    return fields.parentEventId();
  }

  String eventType() {
    return fields.eventType();
  }

  String processInstanceId() {
    return fields.processInstanceId();
  }

  String businessKey() {
    return fields.businessKey();
  }

  /** The variable instance for variable events, else the activity instance ({@link EventColumns#ENTITY_ID}). */
  String entityId() {
    return EventColumns.value(fields, EventColumns.ENTITY_ID);
  }

  String actorType() {
    return fields.actorType();
  }

  String actorId() {
    return fields.actorId();
  }

  Instant time() {
    return time;
  }

  /**
   * Whether the event meets every criterion that is set. Trace summaries are the log's bookkeeping, not a step of
   * a case: they match only when asked for by type.
   */
  boolean matches(EventCriteria criteria) {
    return (criteria.types().isEmpty() ? !isTraceSummary()
            : criteria.types().stream().map(EventType::wireName).anyMatch(name -> name.equals(eventType())))
        && equalOrUnset(criteria.businessKey(), businessKey())
        && equalOrUnset(criteria.processInstanceId(), processInstanceId())
        && equalOrUnset(criteria.entityId(), entityId())
        && equalOrUnset(criteria.actorId(), actorId())
        && (criteria.from() == null || !time.isBefore(criteria.from()))
        && (criteria.to() == null || time.isBefore(criteria.to()));
  }

  boolean isTraceSummary() {
    return TRACE_SEALED.equals(eventType());
  }

  private static boolean equalOrUnset(String wanted, String actual) {
    return wanted == null || wanted.equals(actual);
  }

  static Comparator<EventLine> order(EventCriteria.Order order) {
    return switch (order == null ? EventCriteria.Order.RECORDED : order) {
      case RECORDED -> RECORDED;
      case BY_TIME -> BY_TIME;
      case NEWEST_FIRST -> BY_TIME.reversed();
    };
  }
}
