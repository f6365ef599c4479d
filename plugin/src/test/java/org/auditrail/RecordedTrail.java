package org.auditrail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.function.Predicate;
import org.auditrail.event.EventJson;
import org.auditrail.trail.AuditTrail;

/** A case's recorded events, parsed, with the look-ups the tests need. */
record RecordedTrail(List<JsonNode> events) {

  static RecordedTrail of(AuditTrail trail, String processInstanceId) {
    return new RecordedTrail(trail.trace(processInstanceId).map(AuditTrail.Trace::events).orElse(List.of())
        .stream().map(RecordedTrail::parse).toList());
  }

  static JsonNode parse(String json) {
    try {
      return EventJson.mapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new AssertionError("stored event is not JSON: " + json, e);
    }
  }

  List<JsonNode> ofType(String eventType) {
    return where(event -> event.path("event_type").asText().equals(eventType));
  }

  List<JsonNode> ofType(String eventType, String activityId) {
    return where(event -> event.path("event_type").asText().equals(eventType)
        && event.path("context").path("activity_id").asText().equals(activityId));
  }

  JsonNode single(String eventType, String activityId) {
    List<JsonNode> found = ofType(eventType, activityId);
    assertThat(found).as("%s events of %s", eventType, activityId).hasSize(1);
    return found.get(0);
  }

  JsonNode single(String eventType) {
    List<JsonNode> found = ofType(eventType);
    assertThat(found).as("%s events", eventType).hasSize(1);
    return found.get(0);
  }

  JsonNode byId(String eventId) {
    return events.stream().filter(event -> event.path("event_id").asText().equals(eventId)).findFirst()
        .orElseThrow(() -> new AssertionError("no event " + eventId + " in the trail"));
  }

  List<JsonNode> where(Predicate<JsonNode> predicate) {
    return events.stream().filter(predicate).toList();
  }

  int size() {
    return events.size();
  }
}
