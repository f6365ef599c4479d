package org.auditrail.verify.log;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The query columns kept beside each event, as they must follow from the event's JSON. Both the writer and the
 * verifier use these rules, so a column that was edited after the event was sealed is caught.
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

  private static final JsonFactory JSON = new JsonFactory();

  private EventColumns() {}

  /**
   * The column values an event's canonical JSON implies. Streams through the JSON once and reads only the fields
   * it needs, because verification runs over every event of the log.
   */
  public static Map<String, String> of(String canonicalJson) throws IOException {
    Map<String, String> top = new HashMap<>();
    Map<String, String> actor = new HashMap<>();
    Map<String, String> context = new HashMap<>();
    try (JsonParser parser = JSON.createParser(canonicalJson)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("an event must be a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        switch (field) {
          case "actor" -> readFlat(parser, value, actor);
          case "context" -> readFlat(parser, value, context);
          default -> {
            if (value.isStructStart()) {
              parser.skipChildren();
            } else {
              top.put(field, value == JsonToken.VALUE_NULL ? null : parser.getText());
            }
          }
        }
      }
    }
    String eventType = top.get("event_type");
    Map<String, String> columns = new HashMap<>();
    columns.put(TRACE_ID, top.get("trace_id"));
    columns.put(PARENT_EVENT_ID, top.get("parent_event_id"));
    columns.put(PROCESS_INSTANCE_ID, context.get("process_instance_id"));
    columns.put(BUSINESS_KEY, context.get("business_key"));
    columns.put(ENTITY_ID, VARIABLE_EVENT_TYPES.contains(eventType)
        ? context.get("variable_instance_id") : context.get("activity_instance_id"));
    columns.put(EVENT_TYPE, eventType);
    columns.put(ACTOR_TYPE, actor.get("type"));
    columns.put(ACTOR_ID, actor.get("id"));
    columns.put(EVENT_TIME, top.get("timestamp"));
    return columns;
  }

  private static void readFlat(JsonParser parser, JsonToken start, Map<String, String> into) throws IOException {
    if (start != JsonToken.START_OBJECT) {
      return;
    }
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (value.isStructStart()) {
        parser.skipChildren();
      } else {
        into.put(field, value == JsonToken.VALUE_NULL ? null : parser.getText());
      }
    }
  }
}
