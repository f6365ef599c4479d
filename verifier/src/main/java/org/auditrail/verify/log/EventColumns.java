package org.auditrail.verify.log;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The query columns kept beside each event in the per-event layout of earlier versions, as they must follow from
 * the event's JSON. Both the writer and the verifier use these rules, so a column that was edited after the event
 * was sealed is caught.
 */
public final class EventColumns {

  /** Event types whose entity column holds the variable instance id; all others hold the activity instance id. */
  public static final Set<String> VARIABLE_EVENT_TYPES =
      Set.of("variable_created", "variable_updated", "variable_deleted");

  public static final String TRACE_ID = "trace_id";
  public static final String PARENT_EVENT_ID = "parent_event_id";
  public static final String PROCESS_INSTANCE_ID = "process_instance_id";
  public static final String BUSINESS_KEY = "business_key";
  public static final String ENTITY_ID = "entity_id";
  public static final String EVENT_TYPE = "event_type";
  public static final String ACTOR_TYPE = "actor_type";
  public static final String ACTOR_ID = "actor_id";
  public static final String EVENT_TIME = "event_time";

  /** Every column, in the order they are checked and reported. */
  public static final List<String> NAMES = List.of(TRACE_ID, PARENT_EVENT_ID, PROCESS_INSTANCE_ID, BUSINESS_KEY,
      ENTITY_ID, EVENT_TYPE, ACTOR_TYPE, ACTOR_ID, EVENT_TIME);

  private EventColumns() {}

  /** The column values an event's canonical JSON implies, by column name. */
  public static Map<String, String> of(String canonicalJson) throws IOException {
    EventFields event = EventFields.read(canonicalJson);
    Map<String, String> columns = new HashMap<>();
    for (String column : NAMES) {
      columns.put(column, value(event, column));
    }
    return columns;
  }

  /** The value one column must hold for the event. */
  public static String value(EventFields event, String column) {
    return switch (column) {
      case TRACE_ID -> event.traceId();
      case PARENT_EVENT_ID -> event.parentEventId();
      case PROCESS_INSTANCE_ID -> event.processInstanceId();
      case BUSINESS_KEY -> event.businessKey();
      case ENTITY_ID -> event.eventType() != null && VARIABLE_EVENT_TYPES.contains(event.eventType())
          ? event.variableInstanceId() : event.activityInstanceId();
      case EVENT_TYPE -> event.eventType();
      case ACTOR_TYPE -> event.actorType();
      case ACTOR_ID -> event.actorId();
      case EVENT_TIME -> event.timestamp();
      default -> throw new IllegalArgumentException("no such column: " + column);
    };
  }
}
