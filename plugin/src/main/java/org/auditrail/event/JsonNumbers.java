package org.auditrail.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.databind.node.ValueNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.erdtman.jcs.NumberToJSON;

/**
 * Which numbers canonical JSON (RFC 8785) holds exactly, and the faithful form of those it does not. Canonical
 * JSON writes every number as the shortest text of the nearest IEEE double, so NaN and the infinities have no form
 * at all, and an integer beyond 2^53 or a decimal with more digits than a double keeps would be recorded as another
 * number. Such a number is recorded as a JSON string of its exact text instead; the event's type field (a
 * variable's {@code type}) still says what it was.
 */
public final class JsonNumbers {

  /** Every integer up to 2^53 in magnitude is a double; beyond it, only some are. */
  private static final long EXACT_INTEGERS = 1L << 53;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonNumbers() {}

  /** Whether canonical JSON writes this integer as itself. */
  public static boolean exact(long value) {
    return (value >= -EXACT_INTEGERS && value <= EXACT_INTEGERS) || exact(BigDecimal.valueOf(value));
  }

  /**
   * Whether canonical JSON writes this number as itself: it is the shortest text of an IEEE double (or Java's
   * text of one, which before Java 19 is not always the shortest).
   */
  public static boolean exact(BigDecimal value) {
    double nearest = value.doubleValue();
    return Double.isFinite(nearest) && (new BigDecimal(canonicalText(nearest)).compareTo(value) == 0
        || BigDecimal.valueOf(nearest).compareTo(value) == 0);
  }

  /** An integer as canonical JSON can hold it: a number, or the string of its digits. */
  public static ValueNode of(long value) {
    return exact(value) ? NODES.numberNode(value) : TextNode.valueOf(Long.toString(value));
  }

  /** A double as canonical JSON can hold it: a number, or "NaN", "Infinity", "-Infinity". */
  public static ValueNode of(double value) {
    return Double.isFinite(value) ? NODES.numberNode(value) : TextNode.valueOf(Double.toString(value));
  }

  /** The text canonical JSON writes for a double; refuses NaN and the infinities, which it has no form for. */
  static String canonicalText(double value) {
    try {
      return NumberToJSON.serializeNumber(value);
    } catch (IOException e) {
      throw new IllegalArgumentException("an audit event cannot hold the number " + value
          + ": JSON has no form for it", e);
    }
  }

  /**
   * Reads JSON into a tree whose numbers canonical JSON holds exactly: any other number becomes a string of its
   * text as written. Registered on {@link EventJson#mapper()}, so that JSON from outside (variable values, a
   * model's answer, a tool's arguments) never reaches the canonical writer with a number it must refuse.
   */
  static final class FaithfulTreeDeserializer extends StdDeserializer<JsonNode> {

    FaithfulTreeDeserializer() {
      super(JsonNode.class);
    }

    @Override
    public JsonNode deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      return read(parser, context);
    }

    @Override
    public JsonNode getNullValue(DeserializationContext context) {
      return NODES.nullNode();
    }

    private JsonNode read(JsonParser parser, DeserializationContext context) throws IOException {
      JsonToken token = parser.currentToken();
      switch (token) {
        case START_OBJECT, FIELD_NAME -> {
          ObjectNode object = NODES.objectNode();
          String name = token == JsonToken.START_OBJECT ? parser.nextFieldName() : parser.currentName();
          for (; name != null; name = parser.nextFieldName()) {
            parser.nextToken();
            object.set(name, read(parser, context));
          }
          return object;
        }
        case START_ARRAY -> {
          ArrayNode array = NODES.arrayNode();
          while (parser.nextToken() != JsonToken.END_ARRAY) {
            array.add(read(parser, context));
          }
          return array;
        }
        case END_OBJECT -> {
          return NODES.objectNode();
        }
        case VALUE_STRING -> {
          return TextNode.valueOf(parser.getText());
        }
        case VALUE_NUMBER_INT -> {
          return switch (parser.getNumberType()) {
            case INT -> NODES.numberNode(parser.getIntValue());
            case LONG -> of(parser.getLongValue());
            default -> integer(parser.getBigIntegerValue());
          };
        }
        case VALUE_NUMBER_FLOAT -> {
          double value = parser.getDoubleValue();
          if (!Double.isFinite(value)) {
            return TextNode.valueOf(parser.getText());
          }
          return exact(parser.getDecimalValue()) ? NODES.numberNode(value) : TextNode.valueOf(parser.getText());
        }
        case VALUE_TRUE -> {
          return NODES.booleanNode(true);
        }
        case VALUE_FALSE -> {
          return NODES.booleanNode(false);
        }
        case VALUE_NULL -> {
          return NODES.nullNode();
        }
        case VALUE_EMBEDDED_OBJECT -> {
          Object embedded = parser.getEmbeddedObject();
          return embedded instanceof byte[] bytes ? NODES.binaryNode(bytes) : NODES.pojoNode(embedded);
        }
        default -> {
          return (JsonNode) context.handleUnexpectedToken(JsonNode.class, parser);
        }
      }
    }

    private static ValueNode integer(BigInteger value) {
      return exact(new BigDecimal(value)) ? NODES.numberNode(value) : TextNode.valueOf(value.toString());
    }
  }
}
