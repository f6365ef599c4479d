package org.auditrail.siem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * Sealed events as an OTLP logs request in OTLP/HTTP's JSON encoding (an {@code ExportLogsServiceRequest}): one log
 * record per event, whose body is the event's canonical JSON as sealed and whose attributes carry its log index, id,
 * type, case and actor and every {@code gen_ai.*} metadata entry, so that a collector can index them.
 */
final class OtlpLogRecords {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  /** OpenTelemetry's severity number for INFO. */
  private static final int INFO = 9;

  private final String serviceName;

  OtlpLogRecords(String serviceName) {
    this.serviceName = serviceName;
  }

  ObjectNode request(List<SealedEventFields> events, long observedNanos) {
    ObjectNode request = JSON.objectNode();
    ObjectNode resourceLogs = request.putArray("resourceLogs").addObject();
    attribute(resourceLogs.putObject("resource").putArray("attributes"), "service.name", JSON.textNode(serviceName));
    ObjectNode scopeLogs = resourceLogs.putArray("scopeLogs").addObject();
    scopeLogs.putObject("scope").put("name", "org.auditrail");
    ArrayNode records = scopeLogs.putArray("logRecords");
    for (SealedEventFields event : events) {
      records.add(record(event, observedNanos));
    }
    return request;
  }

  private static ObjectNode record(SealedEventFields event, long observedNanos) {
    ObjectNode record = JSON.objectNode();
    long nanos = Math.addExact(Math.multiplyExact(event.time().getEpochSecond(), 1_000_000_000L),
        event.time().getNano());
    // 64-bit integers are decimal strings in OTLP/JSON (the protobuf JSON mapping).
    record.put("timeUnixNano", Long.toString(nanos));
    record.put("observedTimeUnixNano", Long.toString(observedNanos));
    record.put("severityNumber", INFO);
    record.put("severityText", "INFO");
    record.putObject("body").put("stringValue", event.json());
    ArrayNode attributes = record.putArray("attributes");
    attribute(attributes, "audit.log.index", JSON.numberNode(event.index()));
    attribute(attributes, "audit.event.id", JSON.textNode(event.eventId()));
    attribute(attributes, "audit.event.type", text(event.type()));
    attribute(attributes, "audit.trace.id", text(event.traceId()));
    attribute(attributes, "audit.actor.type", text(event.actorType()));
    attribute(attributes, "audit.actor.id", text(event.actorId()));
    for (Map.Entry<String, JsonNode> genAi : event.genAi()) {
      attribute(attributes, genAi.getKey(), genAi.getValue());
    }
    return record;
  }

  private static JsonNode text(String value) {
    return value == null ? null : JSON.textNode(value);
  }

  private static void attribute(ArrayNode attributes, String key, JsonNode value) {
    if (value != null && !value.isNull()) {
      ObjectNode attribute = attributes.addObject();
      attribute.put("key", key);
      attribute.set("value", anyValue(value));
    }
  }

  /** A JSON value as an OTLP {@code AnyValue}; an object becomes its JSON text. */
  private static ObjectNode anyValue(JsonNode value) {
    ObjectNode any = JSON.objectNode();
    if (value.isBoolean()) {
      any.put("boolValue", value.booleanValue());
    } else if (value.isIntegralNumber() && value.canConvertToLong()) {
      any.put("intValue", Long.toString(value.longValue()));
    } else if (value.isNumber()) {
      any.put("doubleValue", value.doubleValue());
    } else if (value.isArray()) {
      ArrayNode values = any.putObject("arrayValue").putArray("values");
      value.forEach(element -> values.add(anyValue(element)));
    } else if (value.isTextual()) {
      any.put("stringValue", value.textValue());
    } else {
      any.put("stringValue", value.toString());
    }
    return any;
  }
}
