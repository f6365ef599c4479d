package org.auditrail.capture;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.auditrail.event.EventJson;
import org.auditrail.event.JsonNumbers;
import org.auditrail.store.ContentBlob;
import org.camunda.bpm.engine.impl.history.event.HistoricDecisionInputInstanceEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricDecisionOutputInstanceEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;

/**
 * Turns a variable value, as the engine serialized it, into JSON for an event: {@code {"type": ..., "value": ...}}.
 * Binary values (files, Java-serialized objects, byte arrays) and values whose JSON is larger than the inline limit
 * go to the content store, and the event holds {@code content_sha256}, {@code size} and {@code media_type} instead.
 * Personal values are replaced by their tokens first ({@link PersonalValues}), so that no personal value reaches
 * the content store in clear; a personal binary value is never stored at all: the event keeps its size, media type
 * and the token of its SHA-256, which the vault keeps for its data subject (and an erasure shreds).
 * Nothing here deserializes a value, so no user class is ever loaded to audit it. A number canonical JSON cannot
 * hold exactly (NaN, the infinities, an integer beyond 2^53) is recorded as a string of its exact text, its type
 * kept in {@code type}, so that an odd value never fails the engine's command ({@link JsonNumbers}).
 */
final class VariableValues {

  private VariableValues() {}

  /**
   * A value as the engine serialized it, whichever entity holds it: a variable's history, a running variable (read
   * by a gateway's condition), or a decision's input or output (recorded under its variable or clause name).
   */
  record Stored(String variableName, String serializerName, String textValue, String textValue2, Long longValue,
      Double doubleValue, byte[] byteValue) {

    static Stored of(HistoricVariableUpdateEventEntity variable) {
      return new Stored(variable.getVariableName(), variable.getSerializerName(), variable.getTextValue(),
          variable.getTextValue2(), variable.getLongValue(), variable.getDoubleValue(), variable.getByteValue());
    }

    static Stored of(VariableInstanceEntity variable) {
      return new Stored(variable.getName(), variable.getSerializerName(), variable.getTextValue(),
          variable.getTextValue2(), variable.getLongValue(), variable.getDoubleValue(),
          variable.getByteArrayValue());
    }

    static Stored of(String name, HistoricDecisionInputInstanceEntity input) {
      return new Stored(name, input.getSerializerName(), input.getTextValue(), input.getTextValue2(),
          input.getLongValue(), input.getDoubleValue(), input.getByteArrayValue());
    }

    static Stored of(String name, HistoricDecisionOutputInstanceEntity output) {
      return new Stored(name, output.getSerializerName(), output.getTextValue(), output.getTextValue2(),
          output.getLongValue(), output.getDoubleValue(), output.getByteArrayValue());
    }
  }

  static ObjectNode render(HistoricVariableUpdateEventEntity variable, CommandAuditBuffer buffer,
      PersonalValues personal) {
    return render(Stored.of(variable), buffer, personal);
  }

  static ObjectNode render(Stored variable, CommandAuditBuffer buffer, PersonalValues personal) {
    String type = variable.serializerName() == null ? "null" : variable.serializerName();
    ObjectNode rendered = EventJson.mapper().createObjectNode();
    rendered.put("type", type);
    switch (type) {
      case "null" -> rendered.putNull("value");
      case "string" -> rendered.put("value", variable.textValue());
      case "boolean" -> rendered.put("value", variable.longValue() != null && variable.longValue() == 1L);
      case "long", "integer", "short" -> rendered.set("value", variable.longValue() == null
          ? NullNode.getInstance() : JsonNumbers.of(variable.longValue()));
      case "double" -> rendered.set("value", variable.doubleValue() == null
          ? NullNode.getInstance() : JsonNumbers.of(variable.doubleValue()));
      case "date" -> rendered.put("value", variable.longValue() == null ? null
          : EventJson.formatTimestamp(Instant.ofEpochMilli(variable.longValue())));
      default -> renderSerialized(variable, type, rendered, buffer, personal);
    }
    if (!rendered.has("tokenized")) {
      personal.protect(variable.variableName(), rendered);
    }
    return capped(rendered, buffer);
  }

  private static void renderSerialized(Stored variable, String type, ObjectNode rendered,
      CommandAuditBuffer buffer, PersonalValues personal) {
    if (variable.textValue2() != null && !"file".equals(type)) {
      rendered.put("object_type", variable.textValue2());
    }
    byte[] bytes = variable.byteValue();
    if (bytes == null) {
      rendered.put("value", variable.textValue());
      return;
    }
    String mediaType = mediaTypeOf(type);
    String text = mediaType.startsWith("application/octet") ? null : utf8(bytes);
    if (text != null && mediaType.equals("application/json")) {
      JsonNode json = parseJson(text);
      if (json != null) {
        rendered.set("value", json);
        return;
      }
    }
    if (text != null) {
      rendered.put("value", text);
      return;
    }
    if (personal.isPersonal(variable.variableName())) {
      String name = variable.variableName();
      if ("file".equals(type) && variable.textValue() != null) {
        rendered.put("file_name", personal.tokenFor(name + ".file_name", variable.textValue()));
      }
      rendered.put("value", personal.tokenFor(name, ContentBlob.sha256Hex(bytes)));
      rendered.put("size", bytes.length);
      rendered.put("media_type", mediaType);
      rendered.put("tokenized", true);
      return;
    }
    if ("file".equals(type)) {
      // A file's name often names its person ("Passport Ivan Petrov.pdf").
      Object fileName = personal.protect(variable.variableName() + ".file_name", variable.textValue());
      rendered.put("file_name", fileName == null ? null : fileName.toString());
    }
    byte[] stored = personal.protect(bytes, utf8(bytes));
    if (stored != bytes) {
      rendered.put("tokenized", true);
    }
    rendered.set("content", buffer.store(ContentBlob.of(stored, mediaType)));
  }

  /** Replaces a rendered value that is too large to inline with a reference to its JSON in the content store. */
  private static ObjectNode capped(ObjectNode rendered, CommandAuditBuffer buffer) {
    JsonNode value = rendered.get("value");
    if (value == null || value.isNull()) {
      return rendered;
    }
    byte[] json = value.toString().getBytes(StandardCharsets.UTF_8);
    if (json.length <= buffer.inlineLimitBytes()) {
      return rendered;
    }
    rendered.remove("value");
    rendered.set("content", buffer.store(ContentBlob.of(json, "application/json")));
    return rendered;
  }

  private static String mediaTypeOf(String serializerName) {
    if (serializerName.endsWith("json")) {
      return "application/json";
    }
    if (serializerName.endsWith("xml")) {
      return "application/xml";
    }
    if ("serializable".equals(serializerName)) {
      return "application/x-java-serialized-object";
    }
    return "application/octet-stream";
  }

  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static JsonNode parseJson(String text) {
    try {
      return EventJson.mapper().readTree(text);
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
