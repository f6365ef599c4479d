package org.auditrail.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * Writes a JSON tree in its RFC 8785 (JSON Canonicalization Scheme) form directly: members sorted by the UTF-16
 * code units of their names, no white space, strings escaped as ECMAScript's JSON.stringify does, numbers in
 * ECMAScript's Number form (by the reference library's own number formatter). Writing the tree directly avoids
 * printing the event and parsing it back, which cost several times the serialization itself on every event.
 */
final class CanonicalJson {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private CanonicalJson() {}

  /**
   * A mapper whose output is canonical when written through {@link #write(ObjectMapper, Object)}: properties and
   * object members sorted, control characters escaped in lower-case hex. Sorting happens after snake_case naming,
   * so it orders the names as written.
   */
  static JsonMapper.Builder canonicalMapper() {
    return JsonMapper.builder(JsonFactory.builder().disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE).build())
        .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
        .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED);
  }

  /**
   * Serializes a value to its canonical form in one pass, without building a tree first: on the engine's hot path
   * the tree cost more than the writing. The mapper must come from {@link #canonicalMapper()}.
   */
  static String write(ObjectMapper canonicalMapper, Object value) {
    StringWriter out = new StringWriter(1024);
    try (JsonGenerator generator = new EcmaScriptNumbers(canonicalMapper.createGenerator(out))) {
      canonicalMapper.writeValue(generator, value);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
    return out.toString();
  }

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
    if (node.isFloatingPointNumber() && !node.isBigDecimal()) {
      out.append(JsonNumbers.canonicalText(node.doubleValue()));
    } else if (node.canConvertToExactIntegral() && node.canConvertToLong()) {
      out.append(exactly(node.longValue()));
    } else {
      out.append(exactly(node.decimalValue()));
    }
  }

  /**
   * JSON numbers are IEEE doubles to RFC 8785: every number is written as ECMAScript writes that double, and a
   * number that double does not hold exactly is refused rather than recorded as another number.
   */
  private static String exactly(long value) {
    if (!JsonNumbers.exact(value)) {
      throw inexact(value);
    }
    return JsonNumbers.canonicalText(value);
  }

  private static String exactly(BigDecimal value) {
    if (!JsonNumbers.exact(value)) {
      throw inexact(value);
    }
    return JsonNumbers.canonicalText(value.doubleValue());
  }

  private static IllegalArgumentException inexact(Number value) {
    return new IllegalArgumentException("an audit event cannot hold the number " + value + ": canonical JSON"
        + " (RFC 8785) would record another number; record it as a string");
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

  /** Writes every number the way {@link #number(JsonNode, StringBuilder)} does for a tree. */
  private static final class EcmaScriptNumbers extends JsonGeneratorDelegate {

    EcmaScriptNumbers(JsonGenerator delegate) {
      super(delegate, false);
    }

    @Override
    public void writeNumber(short value) throws IOException {
      delegate.writeRawValue(exactly(value));
    }

    @Override
    public void writeNumber(int value) throws IOException {
      delegate.writeRawValue(exactly(value));
    }

    @Override
    public void writeNumber(long value) throws IOException {
      delegate.writeRawValue(exactly(value));
    }

    @Override
    public void writeNumber(BigInteger value) throws IOException {
      delegate.writeRawValue(exactly(new BigDecimal(value)));
    }

    @Override
    public void writeNumber(double value) throws IOException {
      delegate.writeRawValue(JsonNumbers.canonicalText(value));
    }

    @Override
    public void writeNumber(float value) throws IOException {
      delegate.writeRawValue(JsonNumbers.canonicalText(value));
    }

    @Override
    public void writeNumber(BigDecimal value) throws IOException {
      delegate.writeRawValue(exactly(value));
    }

    @Override
    public void writeNumber(String encodedValue) throws IOException {
      delegate.writeRawValue(exactly(new BigDecimal(encodedValue)));
    }
  }
}
