package org.auditrail.siem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.auditrail.event.EventJson;
import org.auditrail.store.SealedLog.SealedEvent;

/**
 * The fields of a sealed event that a SIEM indexes (type, time, case, actor, the {@code gen_ai.*} metadata), read
 * from its stored JSON. Values are taken as they are in the log: personal values stay tokens.
 */
record SealedEventFields(long index, String eventId, String type, String timestamp, Instant time, String traceId, String actorType,
    String actorId, List<Map.Entry<String, JsonNode>> genAi, String json) {

  private static final String GEN_AI = "gen_ai.";

  static SealedEventFields of(SealedEvent event) {
    JsonNode node;
    try {
      node = EventJson.mapper().readTree(event.json());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("AUDIT-012 the sealed event " + event.eventId() + " at log index "
          + event.index() + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
    List<Map.Entry<String, JsonNode>> genAi = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> fields = node.path("metadata").fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (field.getKey().startsWith(GEN_AI)) {
        genAi.add(field);
      }
    }
    JsonNode actor = node.path("actor");
    String timestamp = node.path("timestamp").asText();
    return new SealedEventFields(event.index(), event.eventId(), text(node.get("event_type")), timestamp,
        Instant.parse(timestamp), text(node.get("trace_id")), text(actor.get("type")),
        text(actor.get("id")), genAi, event.json());
  }

  private static String text(JsonNode value) {
    return value == null || value.isNull() ? null : value.asText();
  }
}
