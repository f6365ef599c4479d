package org.auditrail.capture;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import org.auditrail.event.EventJson;

/**
 * A variable's value as the trail may record it, or a prompt or form may show it: a personal variable becomes its
 * token, the personal fields of a JSON variable (or JSON text) theirs, and any other text has the case's known
 * personal values replaced ({@link FreeText}). The one place that decides this, for variable events, prompts and
 * form snapshots alike; it runs before a value is hashed into the content store.
 */
final class PersonalValues {

  private final PersonalData personal;
  private final String processDefinitionId;
  private final String processInstanceId;

  PersonalValues(PersonalData personal, String processDefinitionId, String processInstanceId) {
    this.personal = personal;
    this.processDefinitionId = processDefinitionId;
    this.processInstanceId = processInstanceId;
  }

  boolean isPersonal(String variableName) {
    return personal.isPersonal(processDefinitionId, variableName);
  }

  String tokenFor(String field, String value) {
    return personal.tokenFor(processInstanceId, field, value);
  }

  /** A rendered value ({@code {"type": ..., "value": ...}}) with {@code "tokenized": true} when anything was replaced. */
  ObjectNode protect(String variableName, ObjectNode rendered) {
    JsonNode value = rendered.get("value");
    if (value == null || value.isNull()) {
      return rendered;
    }
    JsonNode protectedValue = protect(variableName, value);
    if (protectedValue != value) {
      rendered.set("value", protectedValue);
      rendered.put("tokenized", true);
    }
    return rendered;
  }

  /**
   * A variable's value as the engine holds it (a string, number, JSON object, ...), for a prompt or a form
   * snapshot; the same value when nothing was replaced.
   */
  Object protect(String variableName, Object value) {
    if (value == null) {
      return null;
    }
    if (isPersonal(variableName)) {
      return tokenFor(variableName, String.valueOf(value));
    }
    if (value instanceof String || !personal.personalFields(variableName).isEmpty()) {
      JsonNode text = TextNode.valueOf(value instanceof String string ? string : value.toString());
      JsonNode protectedValue = protect(variableName, text);
      if (protectedValue == text) {
        return value;
      }
      // JSON text in both cases: a prompt shows it as such, a form snapshot as a string.
      return protectedValue.asText();
    }
    return value;
  }

  /**
   * The bytes of a binary value that is not personal, with the case's known personal values replaced when the
   * bytes are UTF-8 text (a scanned letter saved as text, a CSV export); the same array when nothing was replaced.
   * Bytes that are not text cannot be searched: a value the trail must not hold in clear is declared personal.
   */
  byte[] protect(byte[] bytes, String text) {
    if (text == null) {
      return bytes;
    }
    String redacted = new FreeText(personal, processInstanceId).text(text);
    return redacted.equals(text) ? bytes : redacted.getBytes(StandardCharsets.UTF_8);
  }

  /** The value as JSON (such as an AI task's answer), or a protected copy of it when anything was replaced. */
  JsonNode protect(String variableName, JsonNode value) {
    if (isPersonal(variableName)) {
      return TextNode.valueOf(tokenFor(variableName, value.isTextual() ? value.asText() : value.toString()));
    }
    FreeText freeText = new FreeText(personal, processInstanceId);
    // A JSON object, as a JSON variable or as the text of one (such as an AI task's JSON output).
    JsonNode json = value.isTextual() && !personal.personalFields(variableName).isEmpty()
        ? parseObject(value.asText()) : null;
    JsonNode object = json instanceof ObjectNode ? json : value.isObject() ? value.deepCopy() : null;
    if (object instanceof ObjectNode fields) {
      boolean changed = tokenizeFields(variableName, fields) | freeText.redactStrings(fields);
      if (!changed) {
        return value;
      }
      return value.isTextual() ? TextNode.valueOf(EventJson.canonical(fields)) : fields;
    }
    return freeText.json(value);
  }

  private boolean tokenizeFields(String variableName, ObjectNode object) {
    boolean tokenized = false;
    for (String field : personal.personalFields(variableName)) {
      JsonNode fieldValue = object.get(field);
      if (fieldValue != null && !fieldValue.isNull()) {
        object.put(field, tokenFor(variableName + "." + field,
            fieldValue.isTextual() ? fieldValue.asText() : fieldValue.toString()));
        tokenized = true;
      }
    }
    return tokenized;
  }

  private static JsonNode parseObject(String text) {
    try {
      return EventJson.mapper().readTree(text);
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
