package org.auditrail.verify.log;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * The fields of an event that its stored columns follow from, read from its canonical JSON in one streaming pass
 * that skips everything else. Verification reads every event of the log, so this pass is kept lean: no tree, no map.
 *
 * @param eventId the top-level {@code event_id}
 * @param eventType the top-level {@code event_type}
 * @param traceId the top-level {@code trace_id}
 * @param parentEventId the top-level {@code parent_event_id}
 * @param timestamp the top-level {@code timestamp}, as written
 * @param actorType {@code actor.type}
 * @param actorId {@code actor.id}
 * @param processInstanceId {@code context.process_instance_id}
 * @param businessKey {@code context.business_key}
 * @param activityInstanceId {@code context.activity_instance_id}
 * @param variableInstanceId {@code context.variable_instance_id}
 */
public record EventFields(String eventId, String eventType, String traceId, String parentEventId, String timestamp,
    String actorType, String actorId, String processInstanceId, String businessKey, String activityInstanceId,
    String variableInstanceId) {

  private static final JsonFactory JSON = new JsonFactory();

  /** Reads the fields of one event; fails on anything that is not a JSON object. */
  public static EventFields read(String canonicalJson) throws IOException {
    String eventId = null;
    String eventType = null;
    String traceId = null;
    String parentEventId = null;
    String timestamp = null;
    String[] actor = new String[2];
    String[] context = new String[4];
    try (JsonParser parser = JSON.createParser(canonicalJson)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("an event must be a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        switch (field) {
          case "actor" -> readInto(parser, value, actor, "type", "id");
          case "context" -> readInto(parser, value, context, "process_instance_id", "business_key",
              "activity_instance_id", "variable_instance_id");
          case "event_id" -> eventId = text(parser, value);
          case "event_type" -> eventType = text(parser, value);
          case "trace_id" -> traceId = text(parser, value);
          case "parent_event_id" -> parentEventId = text(parser, value);
          case "timestamp" -> timestamp = text(parser, value);
          default -> parser.skipChildren();
        }
      }
      if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
        throw new IOException("an event must be one JSON object");
      }
    }
    return new EventFields(eventId, eventType, traceId, parentEventId, timestamp, actor[0], actor[1], context[0],
        context[1], context[2], context[3]);
  }

  /** A scalar's text; {@code null} for JSON null and for an object or array, which is skipped. */
  private static String text(JsonParser parser, JsonToken value) throws IOException {
    if (value.isStructStart()) {
      parser.skipChildren();
      return null;
    }
    return value == JsonToken.VALUE_NULL ? null : parser.getText();
  }

  /** Reads the named scalar fields of a nested object into {@code into}, in the order of {@code names}. */
  private static void readInto(JsonParser parser, JsonToken start, String[] into, String... names)
      throws IOException {
    if (start != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return;
    }
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      int slot = indexOf(names, field);
      if (slot < 0) {
        parser.skipChildren();
      } else {
        into[slot] = text(parser, value);
      }
    }
  }

  private static int indexOf(String[] names, String field) {
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(field)) {
        return i;
      }
    }
    return -1;
  }
}
