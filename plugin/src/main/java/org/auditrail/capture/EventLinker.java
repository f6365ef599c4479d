package org.auditrail.capture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.auditrail.AuditLogger;
import org.auditrail.event.AuditEvent;
import org.auditrail.event.EventType;
import org.auditrail.store.EventStore;

/**
 * Completes a command's events at flush: each gets the id of the event that started its scope, and each variable
 * update or deletion gets the value last recorded for that variable. Answers come from the command itself, then
 * from the cache of committed scopes, then from one query per question for whatever is left.
 */
final class EventLinker {

  private final StartedScopeCache cache;
  private final EventStore store;
  private final Map<String, String> startedHere = new HashMap<>();

  EventLinker(StartedScopeCache cache, EventStore events) {
    this.cache = cache;
    this.store = events;
  }

  /** The scopes started by the events last linked, mapped to their start events. */
  Map<String, String> startedScopes() {
    return startedHere;
  }

  List<AuditEvent> link(List<PendingEvent> events, Connection connection) throws SQLException {
    for (PendingEvent event : events) {
      if (event.isScopeStart() && event.context.activityInstanceId() != null) {
        startedHere.put(event.context.activityInstanceId(), event.eventId);
      }
    }
    linkParents(events, connection);
    linkPreviousValues(events, connection);
    List<AuditEvent> linked = new ArrayList<>(events.size());
    for (PendingEvent event : events) {
      linked.add(event.toEvent());
    }
    return linked;
  }

  private void linkParents(List<PendingEvent> events, Connection connection) throws SQLException {
    Map<String, String> unknown = new HashMap<>();
    for (PendingEvent event : events) {
      if (event.parentEventId == null && event.parentScope != null) {
        String parent = startedHere.get(event.parentScope);
        if (parent == null) {
          parent = cache.startEventOf(event.parentScope);
        }
        event.parentEventId = parent;
        if (parent == null) {
          unknown.put(event.parentScope, event.traceId);
        }
      }
    }
    if (unknown.isEmpty()) {
      return;
    }
    Map<String, String> found = store.startEvents(connection, unknown);
    cache.remember(found);
    for (PendingEvent event : events) {
      if (event.parentEventId == null && event.parentScope != null) {
        event.parentEventId = found.get(event.parentScope);
        if (event.parentEventId == null) {
          AuditLogger.parentUnresolved(event.eventId, event.parentScope);
        }
      }
    }
  }

  private void linkPreviousValues(List<PendingEvent> events, Connection connection) throws SQLException {
    Map<String, JsonNode> lastWritten = new HashMap<>();
    Map<PendingEvent, String> unknown = new HashMap<>();
    Map<String, String> unknownTraces = new HashMap<>();
    for (PendingEvent event : events) {
      if (event.previousValueOf != null) {
        JsonNode previous = lastWritten.get(event.previousValueOf);
        if (previous != null) {
          event.input = previousValue(event, previous);
        } else {
          unknown.put(event, event.previousValueOf);
          unknownTraces.put(event.previousValueOf, event.traceId);
        }
      }
      if (event.type == EventType.VARIABLE_CREATED || event.type == EventType.VARIABLE_UPDATED) {
        lastWritten.put(event.context.variableInstanceId(), event.output.path("value"));
      }
    }
    if (unknown.isEmpty()) {
      return;
    }
    Map<String, JsonNode> found = store.lastValues(connection, unknownTraces);
    unknown.forEach((event, variableInstanceId) -> event.input = previousValue(event, found.get(variableInstanceId)));
  }

  /** Adds the previous value to the input that capture began with the variable's name. */
  private static ObjectNode previousValue(PendingEvent event, JsonNode value) {
    ObjectNode input = (ObjectNode) event.input;
    if (value == null) {
      // The variable was written before auditing began; say so rather than pretend it was empty.
      input.putNull("value");
      input.put("value_recorded", false);
    } else {
      input.set("value", value);
    }
    return input;
  }
}
