package org.auditrail.verify.log;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HexFormat;

/**
 * A sealed {@code trace_sealed} event: the sequencer's statement that case {@link #traceId} had {@link #eventCount}
 * events up to {@link #lastLogIndex}, and that the RFC 6962 tree over their log leaf hashes, in log order, has the
 * root {@link #traceRoot}. Every event of the case but the summaries themselves is a leaf of that trace tree.
 *
 * @param eventId the summary event's own id
 * @param traceId the case it summarises
 * @param timestamp when it was sealed, as the event states it
 * @param eventCount {@code output.trace_event_count}: the size of the trace tree
 * @param traceRoot {@code output.trace_root}: the root of the trace tree, 32 bytes
 * @param lastLogIndex {@code output.last_log_index}: the log index of the last event it covers
 * @param lastEventId {@code output.last_event_id}: that event's id
 */
public record TraceSummary(String eventId, String traceId, String timestamp, long eventCount, byte[] traceRoot,
    long lastLogIndex, String lastEventId) {

  public static final String EVENT_TYPE = "trace_sealed";

  private static final JsonFactory JSON = new JsonFactory();

  /** Whether an event of this type is a trace summary, which is never a leaf of a trace tree. */
  public static boolean isSummary(String eventType) {
    return EVENT_TYPE.equals(eventType);
  }

  /** Reads a {@code trace_sealed} event; fails, naming the field, on any other event or a malformed one. */
  public static TraceSummary read(byte[] json) throws IOException {
    String eventType = null;
    String eventId = null;
    String traceId = null;
    String timestamp = null;
    Long count = null;
    String root = null;
    Long lastIndex = null;
    String lastEventId = null;
    try (JsonParser parser = JSON.createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("a trace summary must be a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        switch (field) {
          case "event_type" -> eventType = text(parser, value);
          case "event_id" -> eventId = text(parser, value);
          case "trace_id" -> traceId = text(parser, value);
          case "timestamp" -> timestamp = text(parser, value);
          case "output" -> {
            if (value != JsonToken.START_OBJECT) {
              throw new IOException("the trace summary's output must be a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
              String name = parser.currentName();
              JsonToken member = parser.nextToken();
              switch (name) {
                case "trace_event_count" -> count = number(parser, member, name);
                case "trace_root" -> root = text(parser, member);
                case "last_log_index" -> lastIndex = number(parser, member, name);
                case "last_event_id" -> lastEventId = text(parser, member);
                default -> parser.skipChildren();
              }
            }
          }
          default -> parser.skipChildren();
        }
      }
    }
    if (!isSummary(eventType)) {
      throw new IOException("the event is a " + eventType + " event, not a " + EVENT_TYPE + " event");
    }
    if (eventId == null || traceId == null || count == null || root == null || lastIndex == null
        || lastEventId == null) {
      throw new IOException("the " + EVENT_TYPE + " event lacks event_id, trace_id or one of output's"
          + " trace_event_count, trace_root, last_log_index and last_event_id");
    }
    if (!root.matches("[0-9a-f]{64}")) {
      throw new IOException("output.trace_root must be 64 lower-case hex digits, but was: " + root);
    }
    return new TraceSummary(eventId, traceId, timestamp, count, HexFormat.of().parseHex(root), lastIndex,
        lastEventId);
  }

  @Override
  public byte[] traceRoot() {
    return traceRoot.clone();
  }

  public String traceRootHex() {
    return HexFormat.of().formatHex(traceRoot);
  }

  private static String text(JsonParser parser, JsonToken value) throws IOException {
    if (value == JsonToken.VALUE_STRING) {
      return parser.getText();
    }
    parser.skipChildren();
    return null;
  }

  private static Long number(JsonParser parser, JsonToken value, String name) throws IOException {
    if (value != JsonToken.VALUE_NUMBER_INT || parser.getLongValue() < 0) {
      throw new IOException("output." + name + " must be a whole number of at least 0, but was: "
          + parser.getText());
    }
    return parser.getLongValue();
  }
}
