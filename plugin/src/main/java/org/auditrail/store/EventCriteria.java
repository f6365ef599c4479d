package org.auditrail.store;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.auditrail.event.EventType;

/**
 * Which stored events to read: every criterion is optional (null or empty), all are combined with AND; {@code from}
 * is inclusive, {@code to} exclusive.
 *
 * @param entityId the engine entity an event is about (see {@link StoredColumns#entityKey})
 * @param actorId the id of the user or system that acted
 */
public record EventCriteria(Set<EventType> types, String businessKey, String processInstanceId, String entityId,
    String actorId, Instant from, Instant to, Order order) {

  public EventCriteria {
    types = types == null ? Set.of() : Set.copyOf(types);
  }

  /** Events of any of these types, in the order they were recorded. */
  public static EventCriteria ofTypes(EventType... types) {
    return new EventCriteria(Set.of(types), null, null, null, null, null, null, Order.RECORDED);
  }

  /** Events of any of these types, in the order they were recorded. */
  public static EventCriteria ofTypes(List<EventType> types) {
    return new EventCriteria(Set.copyOf(types), null, null, null, null, null, null, Order.RECORDED);
  }

  public EventCriteria businessKey(String key) {
    return new EventCriteria(types, key, processInstanceId, entityId, actorId, from, to, order);
  }

  public EventCriteria processInstanceId(String id) {
    return new EventCriteria(types, businessKey, id, entityId, actorId, from, to, order);
  }

  public EventCriteria entityId(String id) {
    return new EventCriteria(types, businessKey, processInstanceId, id, actorId, from, to, order);
  }

  public EventCriteria actorId(String id) {
    return new EventCriteria(types, businessKey, processInstanceId, entityId, id, from, to, order);
  }

  /** Recorded at or after {@code inclusive} and before {@code exclusive}; either may be null. */
  public EventCriteria between(Instant inclusive, Instant exclusive) {
    return new EventCriteria(types, businessKey, processInstanceId, entityId, actorId, inclusive, exclusive, order);
  }

  public EventCriteria orderedBy(Order newOrder) {
    return new EventCriteria(types, businessKey, processInstanceId, entityId, actorId, from, to, newOrder);
  }

  /** The orders events are read in. */
  public enum Order {
    /** As recorded: by event id. */
    RECORDED("event_id"),
    /** By event time, ties by event id. */
    BY_TIME("event_time, event_id"),
    /** Newest event time first, ties by event id descending. */
    NEWEST_FIRST("event_time desc, event_id desc");

    final String sql;

    Order(String sql) {
      this.sql = sql;
    }
  }
}
