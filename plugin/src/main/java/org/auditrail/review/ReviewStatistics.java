package org.auditrail.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.auditrail.event.EventJson;
import org.auditrail.event.EventType;
import org.auditrail.store.AuditStorageException;
import org.auditrail.store.EventCriteria;
import org.auditrail.store.EventStore;

/**
 * Where reviewers depart from the AI: per review task and per field, over a period, from the recorded
 * {@code human_review} and {@code review_refused} events. Over time this tells compliance where the AI is wrong.
 */
public final class ReviewStatistics {

  private static final int MOST_CHANGED = 5;

  private final EventStore events;

  public ReviewStatistics(EventStore events) {
    this.events = events;
  }

  /**
   * @param from inclusive; {@code null} for the beginning
   * @param to exclusive; {@code null} for now
   * @param processDefinitionKey {@code null} for every process
   */
  public ObjectNode of(Instant from, Instant to, String processDefinitionKey) {
    Map<String, TaskFigures> tasks = new TreeMap<>();
    EventCriteria reviews = EventCriteria.ofTypes(EventType.HUMAN_REVIEW, EventType.REVIEW_REFUSED)
        .between(from == null ? Instant.EPOCH : from, to == null ? Instant.now().plusSeconds(1) : to)
        .orderedBy(EventCriteria.Order.BY_TIME);
    try {
      events.scan(reviews, event -> {
        JsonNode context = event.path("context");
        String key = context.path("process_definition_key").asText();
        if (processDefinitionKey == null || processDefinitionKey.equals(key)) {
          tasks.computeIfAbsent(key + "\n" + context.path("activity_id").asText(),
              name -> new TaskFigures(key, context.path("activity_id").asText())).add(event);
        }
      });
    } catch (SQLException e) {
      throw new AuditStorageException("AUDIT-014 the review statistics could not be read: " + e.getMessage(), e);
    }
    ObjectNode answer = EventJson.mapper().createObjectNode();
    answer.put("from", from == null ? null : from.toString());
    answer.put("to", to == null ? null : to.toString());
    answer.put("process_definition_key", processDefinitionKey);
    ArrayNode list = answer.putArray("tasks");
    tasks.values().forEach(figures -> list.add(figures.toJson()));
    return answer;
  }

  /** The counts of one review task. */
  private static final class TaskFigures {
    private final String processDefinitionKey;
    private final String task;
    private final Map<String, Integer> actions = new TreeMap<>();
    private final Map<String, Integer> fieldChanges = new TreeMap<>();
    private final Map<String, Integer> refusals = new TreeMap<>();

    TaskFigures(String processDefinitionKey, String task) {
      this.processDefinitionKey = processDefinitionKey;
      this.task = task;
    }

    void add(JsonNode event) {
      JsonNode output = event.path("output");
      if (event.path("event_type").asText().equals("review_refused")) {
        refusals.merge(output.path("refused").asText(), 1, Integer::sum);
        return;
      }
      actions.merge(output.path("action").asText(), 1, Integer::sum);
      output.path("changed_fields").forEach(field -> fieldChanges.merge(field.asText(), 1, Integer::sum));
    }

    ObjectNode toJson() {
      int reviews = actions.values().stream().mapToInt(Integer::intValue).sum();
      int unchanged = actions.getOrDefault("approve", 0);
      ObjectNode json = EventJson.mapper().createObjectNode();
      json.put("process_definition_key", processDefinitionKey);
      json.put("task", task);
      json.put("reviews", reviews);
      json.put("approved_unchanged", unchanged);
      json.put("edited", actions.getOrDefault("edit", 0));
      json.put("rejected", actions.getOrDefault("reject", 0));
      json.put("escalated", actions.getOrDefault("escalate", 0));
      json.put("override_rate", reviews == 0 ? 0.0 : Math.round((reviews - unchanged) * 10_000.0 / reviews) / 10_000.0);
      ArrayNode fields = json.putArray("fields");
      fieldChanges.forEach((field, changes) -> fields.addObject().put("field", field).put("changes", changes)
          .put("change_rate", Math.round(changes * 10_000.0 / reviews) / 10_000.0));
      ArrayNode mostChanged = json.putArray("most_changed_fields");
      fieldChanges.entrySet().stream()
          .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
          .limit(MOST_CHANGED).forEach(entry -> mostChanged.add(entry.getKey()));
      ObjectNode refused = json.putObject("refusals");
      refused.put("four_eyes", refusals.getOrDefault("four_eyes", 0));
      refused.put("reason_missing", refusals.getOrDefault("reason_missing", 0));
      refused.put("invalid_decision", refusals.getOrDefault("invalid_decision", 0));
      return json;
    }
  }
}
