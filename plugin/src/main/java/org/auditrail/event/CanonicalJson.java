package org.auditrail.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.erdtman.jcs.NumberToJSON;

/**
 * Writes a JSON tree in its RFC 8785 (JSON Canonicalization Scheme) form directly: members sorted by the UTF-16
 * code units of their names, no white space, strings escaped as ECMAScript's JSON.stringify does, numbers in
 * ECMAScript's Number form (by the reference library's own number formatter). Writing the tree directly avoids
 * printing the event and parsing it back, which cost several times the serialization itself on every event.
 */
final class CanonicalJson {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private CanonicalJson() {}

  static String write(JsonNode node) {
    StringBuilder out = new StringBuilder(1024);
    write(node, out);
    return out.toString();
  }

  private static void write(JsonNode node, StringBuilder out) {
    switch (node.getNodeType()) {
      case OBJECT -> object(node, out);
      case ARRAY -> {
        out.append('[');
        for (int i = 0; i < node.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          write(node.get(i), out);
        }
        out.append(']');
      }
      case STRING, BINARY -> string(node.asText(), out);
      case NUMBER -> number(node, out);
      case BOOLEAN -> out.append(node.booleanValue());
      case NULL, MISSING -> out.append("null");
      case POJO -> throw new IllegalArgumentException("an audit event must be a plain JSON tree, but holds a "
          + node.getClass().getName());
    }
  }

  private static void object(JsonNode node, StringBuilder out) {
    List<String> names = new ArrayList<>(node.size());
    for (Iterator<String> fields = node.fieldNames(); fields.hasNext(); ) {
      names.add(fields.next());
    }
    // String.compareTo compares UTF-16 code units, the order RFC 8785 prescribes.
    Collections.sort(names);
    out.append('{');
    for (int i = 0; i < names.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      string(names.get(i), out);
      out.append(':');
      write(node.get(names.get(i)), out);
    }
    out.append('}');
  }

  private static void number(JsonNode node, StringBuilder out) {
    try {
      out.append(NumberToJSON.serializeNumber(node.doubleValue()));
    } catch (IOException e) {
      throw new IllegalArgumentException("an audit event cannot hold the number " + node.asText()
          + ": JSON has no form for it", e);
    }
  }

  private static void string(String value, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
