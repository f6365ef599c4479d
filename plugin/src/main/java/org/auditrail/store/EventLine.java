package org.auditrail.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Comparator;
import org.auditrail.event.EventJson;
import org.auditrail.event.EventType;
import org.auditrail.verify.log.EventColumns;

/**
 * One event as a command row stores it: its line of canonical JSON, and the fields a query filters and orders on,
 * read from that line.
 */
record EventLine(String json, JsonNode event, String eventId, String traceId, String eventType,
    String processInstanceId, String businessKey, String entityId, String actorId, Instant time) {

  static final Comparator<EventLine> RECORDED = Comparator.comparing(EventLine::eventId);
  static final Comparator<EventLine> BY_TIME = Comparator.comparing(EventLine::time).thenComparing(RECORDED);

  static EventLine parse(String json) {
    JsonNode event;
    try {
      event = EventJson.mapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new AuditStorageException("AUDIT-012 a stored audit event is not valid JSON: " + e.getOriginalMessage(),
          e);
    }
    JsonNode context = event.path("context");
    String type = text(event.get("event_type"));
    return new EventLine(json, event, text(event.get("event_id")), text(event.get("trace_id")), type,
        text(context.get("process_instance_id")), text(context.get("business_key")),
        text(context.get(EventColumns.VARIABLE_EVENT_TYPES.contains(type) ? "variable_instance_id"
            : "activity_instance_id")),
        text(event.path("actor").get("id")), Instant.parse(event.path("timestamp").asText()));
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() ? null : node.asText();
  }

  /** Whether the event meets every criterion that is set. */
  boolean matches(EventCriteria criteria) {
    return (criteria.types().isEmpty()
            || criteria.types().stream().map(EventType::wireName).anyMatch(name -> name.equals(eventType)))
        && equalOrUnset(criteria.businessKey(), businessKey)
        && equalOrUnset(criteria.processInstanceId(), processInstanceId)
        && equalOrUnset(criteria.entityId(), entityId)
        && equalOrUnset(criteria.actorId(), actorId)
        && (criteria.from() == null || !time.isBefore(criteria.from()))
        && (criteria.to() == null || time.isBefore(criteria.to()));
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
