package org.auditrail.ai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.auditrail.AuditLogger;
import org.auditrail.event.AiSnapshot;
import org.auditrail.event.EventJson;
import org.auditrail.store.ContentBlob;
import org.auditrail.store.ContentStore;
import org.auditrail.store.Transactions;

/**
 * Remembers which AI snapshot each AI task (process definition key and activity id) last ran with, and describes
 * what changed when a run differs from the one before: another model, prompt version, tool version or index
 * snapshot. Runs of older and newer definition versions are compared too, since that is where changes come from.
 */
final class AiTaskHistory {

  private final Transactions transactions;
  private final ContentStore contents;

  AiTaskHistory(Transactions transactions, ContentStore contents) {
    this.transactions = transactions;
    this.contents = contents;
  }

  /**
   * The change since the previous run, recorded as the latest configuration; {@code null} when nothing changed.
   * The first run of a task reports {@code "first_run": true}.
   */
  ObjectNode changeSince(String processDefinitionKey, String activityId, AiSnapshot current, String eventId) {
    JsonNode currentJson = EventJson.mapper().valueToTree(current);
    ContentBlob blob = ContentBlob.utf8(EventJson.canonical(currentJson), "application/json");
    ObjectNode[] change = new ObjectNode[1];
    try {
      transactions.inTransaction(connection -> {
        String latest = latest(connection, processDefinitionKey, activityId);
        if (blob.sha256().equals(latest)) {
          return;
        }
        change[0] = describe(connection, latest, currentJson, blob.sha256());
        contents.put(connection, List.of(blob));
        insert(connection, processDefinitionKey, activityId, blob.sha256(), eventId);
      });
    } catch (SQLException | RuntimeException e) {
      AuditLogger.aiTaskChangeUnknown(processDefinitionKey + ":" + activityId, e);
      return EventJson.mapper().createObjectNode().put("known", false);
    }
    return change[0];
  }

  private ObjectNode describe(Connection connection, String previousSha256, JsonNode current,
      String currentSha256) throws SQLException {
    ObjectNode change = EventJson.mapper().createObjectNode();
    change.put("snapshot_sha256", currentSha256);
    if (previousSha256 == null) {
      change.put("first_run", true);
      return change;
    }
    change.put("previous_snapshot_sha256", previousSha256);
    JsonNode previous = readSnapshot(connection, previousSha256);
    ObjectNode changed = change.putObject("changed");
    for (Iterator<Map.Entry<String, JsonNode>> fields = current.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode before = previous.path(field.getKey());
      if (!before.equals(field.getValue())) {
        ObjectNode difference = changed.putObject(field.getKey());
        difference.set("before", before.isMissingNode() ? null : before);
        difference.set("after", field.getValue());
      }
    }
    for (Iterator<String> names = previous.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!current.has(name)) {
        changed.putObject(name).set("before", previous.get(name));
      }
    }
    return change;
  }

  private static String latest(Connection connection, String key, String activityId) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement("select snapshot_sha256 from"
        + " audit_ai_task_configuration where process_definition_key = ? and activity_id = ?"
        + " order by first_seen_at desc")) {
      query.setString(1, key);
      query.setString(2, activityId);
      query.setMaxRows(1);
      try (ResultSet row = query.executeQuery()) {
        return row.next() ? row.getString(1) : null;
      }
    }
  }

  private JsonNode readSnapshot(Connection connection, String sha256) throws SQLException {
    Optional<ContentBlob> stored = contents.find(connection, sha256);
    if (stored.isEmpty()) {
      return EventJson.mapper().createObjectNode();
    }
    try {
      return EventJson.mapper().readTree(new String(stored.get().content(), StandardCharsets.UTF_8));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new SQLException("stored AI snapshot " + sha256 + " is not JSON", e);
    }
  }

  private static void insert(Connection connection, String key, String activityId, String sha256, String eventId)
      throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("insert into audit_ai_task_configuration"
        + " (process_definition_key, activity_id, snapshot_sha256, first_event_id, first_seen_at)"
        + " values (?, ?, ?, ?, ?)")) {
      insert.setString(1, key);
      insert.setString(2, activityId);
      insert.setString(3, sha256);
      insert.setString(4, eventId);
      insert.setObject(5, OffsetDateTime.now(ZoneOffset.UTC));
      insert.executeUpdate();
    }
  }
}
