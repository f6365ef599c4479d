package org.auditrail.capture;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;
import org.auditrail.event.EventJson;

/**
 * The free text of one case as the trail may record it or a model may be sent it: the case's known personal values
 * replaced by their tokens ({@link PersonalData#redact}). Texts, JSON trees (every string in them) and JSON texts.
 */
public final class FreeText {

  private static final FreeText UNCHANGED = new FreeText(PersonalData.NONE, null);

  private final PersonalData personal;
  private final String processInstanceId;

  FreeText(PersonalData personal, String processInstanceId) {
    this.personal = personal;
    this.processInstanceId = processInstanceId;
  }

  /** For work outside an audited engine command, which records nothing through capture. */
  public static FreeText unchanged() {
    return UNCHANGED;
  }

  public String text(String text) {
    return text == null || processInstanceId == null ? text : personal.redact(processInstanceId, text);
  }

  /** A copy of the JSON with every string (values, not field names) redacted. */
  public JsonNode json(JsonNode json) {
    if (json == null) {
      return null;
    }
    if (json.isTextual()) {
      String redacted = text(json.asText());
      return redacted.equals(json.asText()) ? json : TextNode.valueOf(redacted);
    }
    JsonNode copy = json.deepCopy();
    return redactStrings(copy) ? copy : json;
  }

  /** A JSON text with its strings redacted (re-serialized only if one changed); other text as {@link #text}. */
  public String jsonText(String json) {
    if (json == null) {
      return null;
    }
    JsonNode tree;
    try {
      tree = EventJson.mapper().readTree(json);
    } catch (JsonProcessingException e) {
      return text(json);
    }
    if (tree == null || !tree.isContainerNode()) {
      return text(json);
    }
    return redactStrings(tree) ? tree.toString() : json;
  }

  /**
   * Redacts the strings of a mutable tree in place; a text root cannot be replaced in place and is left to the
   * caller.
   *
   * @return whether a string changed
   */
  boolean redactStrings(JsonNode node) {
    boolean changed = false;
    if (node instanceof ObjectNode object) {
      for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (field.getValue().isTextual()) {
          String redacted = text(field.getValue().asText());
          if (!redacted.equals(field.getValue().asText())) {
            field.setValue(TextNode.valueOf(redacted));
            changed = true;
          }
        } else {
          changed |= redactStrings(field.getValue());
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        if (array.get(i).isTextual()) {
          String redacted = text(array.get(i).asText());
          if (!redacted.equals(array.get(i).asText())) {
            array.set(i, TextNode.valueOf(redacted));
            changed = true;
          }
        } else {
          changed |= redactStrings(array.get(i));
        }
      }
    }
    return changed;
  }
}
