package org.auditrail.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.auditrail.AuditLogger;
import org.auditrail.event.Actor;
import org.auditrail.event.AuditEvent;
import org.auditrail.event.EventContext;
import org.auditrail.event.EventError;
import org.auditrail.event.EventIds;
import org.auditrail.event.EventJson;
import org.auditrail.event.EventType;
import org.auditrail.event.Outcome;
import org.auditrail.store.EventStore;

/**
 * Records every call by a known user to a guarded API (see {@link GuardedPath}) as an {@code audit_api_accessed}
 * event, sealed into the log like any other: who read or changed what, and whether they were let in. Written in a transaction of its own,
 * since no engine command runs.
 */
public class ApiAccessRecorder {

  private final EventStore events;

  public ApiAccessRecorder(EventStore events) {
    this.events = events;
  }

  public void record(String userId, HttpServletRequest request, int status) {
    String eventId = EventIds.next();
    ObjectNode input = EventJson.mapper().createObjectNode()
        .put("method", request.getMethod())
        .put("path", request.getRequestURI())
        .put("query", request.getQueryString());
    boolean refused = status >= 400;
    AuditEvent event = new AuditEvent(eventId, eventId, null, Instant.ofEpochMilli(System.currentTimeMillis()),
        Actor.user(userId, null), EventType.AUDIT_API_ACCESSED, EventContext.builder().build(), null, input,
        EventJson.mapper().createObjectNode().put("status", status), null,
        refused ? Outcome.ERROR : Outcome.SUCCESS, refused ? new EventError("http_" + status, null) : null);
    try {
      events.appendDetached(List.of(event), List.of());
    } catch (SQLException | RuntimeException e) {
      AuditLogger.accessNotRecorded(userId, request.getRequestURI(), e);
    }
  }
}
