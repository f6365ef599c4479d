package org.auditrail.store;

import org.auditrail.event.AuditEvent;
import org.auditrail.verify.log.EventColumns;

/**
 * The query columns kept beside each stored event. Every one is derived from the event itself by the rules of
 * {@link EventColumns}, which the verifier checks them against.
 */
final class StoredColumns {

  private StoredColumns() {}

  /** The engine entity an event is about: the variable instance for variable events, else the activity instance. */
  static String entityKey(AuditEvent event) {
    return EventColumns.VARIABLE_EVENT_TYPES.contains(event.eventType().wireName())
        ? event.context().variableInstanceId()
        : event.context().activityInstanceId();
  }
}
