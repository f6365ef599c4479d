package org.auditrail.review;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.auditrail.event.EventType;
import org.auditrail.store.AuditStorageException;
import org.auditrail.store.EventCriteria;
import org.auditrail.store.EventStore;

/**
 * What the trail already knows when a review completes: the AI task's decision (and who triggered it), and when the
 * reviewer claimed the task and opened its form, with what the form showed.
 */
final class ReviewEvidence {

  private final EventStore events;

  ReviewEvidence(EventStore events) {
    this.events = events;
  }

  /** The AI task's latest {@code decision} event in the process instance, or {@code null}. */
  JsonNode aiDecision(Connection connection, String processInstanceId, String aiTaskId) {
    for (JsonNode event : read(connection, EventCriteria.ofTypes(EventType.DECISION)
        .processInstanceId(processInstanceId).orderedBy(EventCriteria.Order.NEWEST_FIRST))) {
      if (aiTaskId.equals(event.path("context").path("activity_id").asText())) {
        return event;
      }
    }
    return null;
  }

  /** The task's {@code task_claimed} and {@code task_form_opened} events, oldest first. */
  List<JsonNode> taskViews(Connection connection, String activityInstanceId) {
    return read(connection, EventCriteria.ofTypes(EventType.TASK_CLAIMED, EventType.TASK_FORM_OPENED)
        .entityId(activityInstanceId).orderedBy(EventCriteria.Order.BY_TIME));
  }

  private List<JsonNode> read(Connection connection, EventCriteria criteria) {
    try {
      return events.find(connection, criteria);
    } catch (SQLException e) {
      throw new AuditStorageException("AUDIT-014 the review's evidence could not be read: " + e.getMessage(), e);
    }
  }
}
