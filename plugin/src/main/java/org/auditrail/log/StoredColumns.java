package org.auditrail.log;

import java.util.Set;
import org.auditrail.event.AuditEvent;
import org.auditrail.event.EventType;

/**
 * The query columns kept beside each stored event. Every one is derived from the event itself, so a column can
 * always be checked against the event it was taken from.
 */
public final class StoredColumns {

  static final Set<EventType> VARIABLE_EVENTS =
      Set.of(EventType.VARIABLE_CREATED, EventType.VARIABLE_UPDATED, EventType.VARIABLE_DELETED);

  private StoredColumns() {}

  /** The engine entity an event is about: the variable instance for variable events, else the activity instance. */
  public static String entityKey(AuditEvent event) {
    return VARIABLE_EVENTS.contains(event.eventType())
        ? event.context().variableInstanceId()
        : event.context().activityInstanceId();
  }
}
