package org.auditrail.ai;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.auditrail.event.JsonNumbers;

/**
 * One field of a json AI task's answer that may become a process variable, with the type its value must have.
 *
 * @param name the field's (and the variable's) name
 * @param type what the value must be
 * @param values the allowed values of an {@link Type#ENUMERATION}, matched exactly; empty for the other types
 */
public record OutputField(String name, Type type, List<String> values) {

  /** The declared type of a field: a string, a number, a boolean, or one string of a fixed list. */
  public enum Type {
    STRING,
    NUMBER,
    BOOLEAN,
    ENUMERATION
  }

  public OutputField {
    values = List.copyOf(values);
  }

  /** The type as it is declared in {@code ai.output-fields}: {@code number}, or {@code low|medium|high}. */
  public String declaration() {
    return type == Type.ENUMERATION ? String.join("|", values) : type.name().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * Why a value (or its absence, {@code null}) does not have this field's type, as the end of a sentence that
   * starts with the field's name; {@code null} when it has. Never quotes the value: the model may have been made to
   * write anything, and the full answer is in the trail.
   */
  String mismatch(JsonNode value) {
    String expected = type == Type.ENUMERATION ? "be one of " + declaration() : "be a " + declaration();
    if (value == null || value.isMissingNode()) {
      return "must " + expected + ", but the model's answer has no such field";
    }
    boolean typeFits = switch (type) {
      case STRING, ENUMERATION -> value.isTextual();
      case NUMBER -> value.isNumber();
      case BOOLEAN -> value.isBoolean();
    };
    if (!typeFits) {
      return "must " + expected + ", but the model's answer has " + jsonType(value);
    }
    if (type == Type.ENUMERATION && !values.contains(value.textValue())) {
      return "must " + expected + ", but the model's answer has a string that is none of them";
    }
    // EventJson's reader already turns such numbers into their text; a tree from another reader may still hold them.
    if (type == Type.NUMBER && value.isIntegralNumber()
        && !(value.canConvertToLong() && JsonNumbers.exact(value.longValue()))) {
      return "must " + expected + ", but the model's answer has an integer that JSON numbers do not hold exactly";
    }
    if (type == Type.NUMBER && !value.isIntegralNumber() && !Double.isFinite(value.doubleValue())) {
      return "must " + expected + ", but the model's answer has a number beyond the range of a double";
    }
    return null;
  }

  /** The variable's value, once {@link #mismatch} found none: a string, a {@code Long} or {@code Double}, a boolean. */
  Object variableValue(JsonNode value) {
    return switch (type) {
      case STRING, ENUMERATION -> value.textValue();
      case NUMBER -> value.isIntegralNumber() ? (Object) value.longValue() : (Object) value.doubleValue();
      case BOOLEAN -> value.booleanValue();
    };
  }

  private static String jsonType(JsonNode value) {
    return switch (value.getNodeType()) {
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      case ARRAY -> "an array";
      default -> "an object";
    };
  }
}
