package org.auditrail.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.auditrail.event.EventJson;
import org.auditrail.store.AuditStorageException;

/**
 * What the trail already knows when a review completes: the AI task's decision (and who triggered it), and when the
 * reviewer claimed the task and opened its form, with what the form showed.
 */
final class ReviewEvidence {

  /** The AI task's latest {@code decision} event in the process instance, or {@code null}. */
  static JsonNode aiDecision(Connection connection, String processInstanceId, String aiTaskId) {
    for (JsonNode event : events(connection, "select payload from audit_event where process_instance_id = ?"
        + " and event_type = 'decision' order by event_time desc, event_id desc", processInstanceId)) {
      if (aiTaskId.equals(event.path("context").path("activity_id").asText())) {
        return event;
      }
    }
    return null;
  }

  /** The task's {@code task_claimed} and {@code task_form_opened} events, oldest first. */
  static List<JsonNode> taskViews(Connection connection, String activityInstanceId) {
    return events(connection, "select payload from audit_event where entity_id = ? and event_type in"
        + " ('task_claimed', 'task_form_opened') order by event_time, event_id", activityInstanceId);
  }

  private static List<JsonNode> events(Connection connection, String sql, String key) {
    List<JsonNode> events = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      query.setString(1, key);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          events.add(EventJson.mapper().readTree(rows.getString(1)));
        }
      }
    } catch (SQLException | JsonProcessingException e) {
      throw new AuditStorageException("AUDIT-014 the review's evidence could not be read: " + e.getMessage(), e);
    }
    return events;
  }

  private ReviewEvidence() {}
}
