package org.auditrail.verify.log;

import java.io.IOException;

/**
 * The fields of an event that its stored columns follow from, read from its JSON in one pass that skips
 * everything else. Verification reads every event of the log, and a general JSON parser spent most of its time
 * naming and tracking the fields it was told to skip, so this reader only finds the few it needs: it checks the
 * structure it walks (strings, nesting, separators) and fails on anything that is not one JSON object, but it does
 * not check skipped numbers and literals. That is enough, because it decides no question of integrity: every
 * event's bytes are hashed and compared to the sealed leaf.
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

  private static final String[] TOP = {"event_id", "event_type", "trace_id", "parent_event_id", "timestamp"};
  private static final String[] ACTOR = {"type", "id"};
  private static final String[] CONTEXT = {"process_instance_id", "business_key", "activity_instance_id",
      "variable_instance_id"};

  /** Reads the fields of one event; fails on anything that is not one JSON object. */
  public static EventFields read(String json) throws IOException {
    String[] top = new String[TOP.length];
    String[] actor = new String[ACTOR.length];
    String[] context = new String[CONTEXT.length];
    Reader reader = new Reader(json);
    reader.skipSpace();
    reader.expect('{');
    if (!reader.endOfObject()) {
      do {
        String field = reader.name();
        if (reader.peek() == '{' && field.equals("actor")) {
          reader.readObject(ACTOR, actor);
        } else if (reader.peek() == '{' && field.equals("context")) {
          reader.readObject(CONTEXT, context);
        } else {
          reader.readOrSkip(TOP, top, field);
        }
      } while (reader.nextField());
    }
    reader.skipSpace();
    if (!reader.atEnd()) {
      throw reader.error("text after the event's object");
    }
    return new EventFields(top[0], top[1], top[2], top[3], top[4], actor[0], actor[1], context[0], context[1],
        context[2], context[3]);
  }

  /** A cursor over the JSON text. */
  private static final class Reader {
    private final String text;
    private int at;

    Reader(String text) {
      this.text = text;
    }

    /** Reads the named scalar fields of an object into {@code into}, skipping the others. */
    void readObject(String[] names, String[] into) throws IOException {
      expect('{');
      if (endOfObject()) {
        return;
      }
      do {
        readOrSkip(names, into, name());
      } while (nextField());
    }

    /** Reads the value of a wanted field (a string, or null for anything else), or skips it. */
    void readOrSkip(String[] names, String[] into, String field) throws IOException {
      for (int i = 0; i < names.length; i++) {
        if (names[i].equals(field)) {
          into[i] = peek() == '"' ? string() : skipValueAsNull();
          return;
        }
      }
      skipValue();
    }

    /** A field's name and its colon, leaving the cursor at the value. */
    String name() throws IOException {
      skipSpace();
      String name = string();
      skipSpace();
      expect(':');
      skipSpace();
      return name;
    }

    /** After a value: whether another field follows (a comma), or the object ends. */
    boolean nextField() throws IOException {
      skipSpace();
      char next = take();
      if (next == ',') {
        return true;
      }
      if (next == '}') {
        return false;
      }
      at--;
      throw error("expected ',' or '}'");
    }

    /** Right after '{': whether the object is empty (and consumed). */
    boolean endOfObject() throws IOException {
      skipSpace();
      if (peek() == '}') {
        at++;
        return true;
      }
      return false;
    }

    private String skipValueAsNull() throws IOException {
      skipValue();
      return null;
    }

    void skipValue() throws IOException {
      skipSpace();
      char first = peek();
      if (first == '"') {
        skipString();
      } else if (first == '{' || first == '[') {
        skipNested();
      } else {
        // A number or literal: runs to the next separator; its spelling is not checked here.
        int start = at;
        while (at < text.length() && ",}] \t\r\n".indexOf(text.charAt(at)) < 0) {
          at++;
        }
        if (at == start) {
          throw error("expected a value");
        }
      }
    }

    /** Skips an object or array, nested ones and strings within it included. */
    private void skipNested() throws IOException {
      int depth = 0;
      do {
        char c = take();
        switch (c) {
          case '{', '[' -> depth++;
          case '}', ']' -> depth--;
          case '"' -> {
            at--;
            skipString();
          }
          default -> { }
        }
      } while (depth > 0);
    }

    private void skipString() throws IOException {
      expect('"');
      while (true) {
        char c = take();
        if (c == '"') {
          return;
        }
        if (c == '\\') {
          take();
        }
      }
    }

    /** A string value, its escapes resolved. */
    String string() throws IOException {
      expect('"');
      int start = at;
      for (int i = start; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '"') {
          at = i + 1;
          return text.substring(start, i);
        }
        if (c == '\\') {
          break;
        }
      }
      StringBuilder value = new StringBuilder();
      while (true) {
        char c = take();
        if (c == '"') {
          return value.toString();
        }
        if (c != '\\') {
          value.append(c);
          continue;
        }
        char escaped = take();
        switch (escaped) {
          case '"', '\\', '/' -> value.append(escaped);
          case 'b' -> value.append('\b');
          case 'f' -> value.append('\f');
          case 'n' -> value.append('\n');
          case 'r' -> value.append('\r');
          case 't' -> value.append('\t');
          case 'u' -> {
            if (at + 4 > text.length()) {
              throw error("a \\u escape is cut short");
            }
            try {
              value.append((char) Integer.parseInt(text, at, at + 4, 16));
            } catch (NumberFormatException e) {
              throw error("a \\u escape is not hexadecimal");
            }
            at += 4;
          }
          default -> throw error("unknown escape \\" + escaped);
        }
      }
    }

    void skipSpace() {
      while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
        at++;
      }
    }

    char peek() throws IOException {
      if (at >= text.length()) {
        throw error("the text ends too early");
      }
      return text.charAt(at);
    }

    private char take() throws IOException {
      char c = peek();
      at++;
      return c;
    }

    void expect(char wanted) throws IOException {
      if (take() != wanted) {
        at--;
        throw error("expected '" + wanted + "'");
      }
    }

    boolean atEnd() {
      return at >= text.length();
    }

    IOException error(String what) {
      return new IOException(what + " at character " + at);
    }
  }
}
