package org.auditrail.capture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.auditrail.event.Actor;
import org.auditrail.event.AuditEvent;
import org.auditrail.event.EventContext;
import org.auditrail.event.EventError;
import org.auditrail.event.EventIds;
import org.auditrail.event.EventJson;
import org.auditrail.event.EventType;
import org.auditrail.event.Outcome;
import org.auditrail.event.Snapshot;

/**
 * An event as the capture code builds it during a command. Two fields may only be known at flush time, when
 * earlier events can be looked up: the parent (through {@link #parentScope}) and a variable's previous value
 * (through {@link #previousValueOf}).
 */
final class PendingEvent {

  final String eventId = EventIds.next();
  final Instant timestamp = Instant.ofEpochMilli(System.currentTimeMillis());
  final EventType type;
  final Actor actor;
  /** Not final: its business key becomes the key as events carry it when the event joins its command. */
  EventContext context;
  String traceId;
  Snapshot snapshot;
  JsonNode input;
  JsonNode output;
  ObjectNode metadata;
  Outcome outcome = Outcome.SUCCESS;
  EventError error;

  /** The parent when known at capture time. */
  String parentEventId;
  /** The activity or process instance whose start event is the parent, resolved at flush. */
  String parentScope;
  /** The variable instance whose previously recorded value becomes this event's input, resolved at flush. */
  String previousValueOf;

  PendingEvent(EventType type, Actor actor, EventContext context) {
    this.type = type;
    this.actor = actor;
    this.context = context;
  }

  ObjectNode metadata() {
    if (metadata == null) {
      metadata = EventJson.mapper().createObjectNode();
    }
    return metadata;
  }

  boolean isScopeStart() {
    return type == EventType.PROCESS_STARTED || type == EventType.ACTIVITY_STARTED;
  }

  AuditEvent toEvent() {
    return new AuditEvent(eventId, traceId != null ? traceId : eventId, parentEventId, timestamp, actor, type,
        context, snapshot, input, output, metadata, outcome, error);
  }
}
