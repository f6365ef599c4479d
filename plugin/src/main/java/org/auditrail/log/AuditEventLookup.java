package org.auditrail.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.auditrail.event.EventJson;

/**
 * The two questions a command's events ask of events committed earlier: which event started a scope, and what a
 * variable's value last was. Each is answered for all keys of a command in one query.
 */
public final class AuditEventLookup {

  private static final int MAX_KEYS_PER_QUERY = 500;

  private AuditEventLookup() {}

  /** Maps activity (or process) instance ids to the id of the event that recorded their start. */
  public static Map<String, String> startEvents(Connection connection, Collection<String> scopeIds)
      throws SQLException {
    Map<String, String> found = new HashMap<>();
    for (List<String> chunk : chunks(scopeIds)) {
      String sql = "select entity_id, event_id from audit_event where event_type in ('process_started',"
          + " 'activity_started') and entity_id in (" + placeholders(chunk.size()) + ")";
      try (PreparedStatement query = connection.prepareStatement(sql)) {
        bind(query, chunk);
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            found.put(rows.getString(1), rows.getString(2));
          }
        }
      }
    }
    return found;
  }

  /** Maps variable instance ids to the value their latest recorded creation or update wrote. */
  public static Map<String, JsonNode> lastValues(Connection connection, Collection<String> variableInstanceIds)
      throws SQLException {
    Map<String, JsonNode> found = new HashMap<>();
    for (List<String> chunk : chunks(variableInstanceIds)) {
      String sql = "select entity_id, payload from audit_event where event_type in ('variable_created',"
          + " 'variable_updated') and entity_id in (" + placeholders(chunk.size()) + ") order by event_id";
      try (PreparedStatement query = connection.prepareStatement(sql)) {
        bind(query, chunk);
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            found.put(rows.getString(1), outputValue(rows.getString(2)));
          }
        }
      }
    }
    return found;
  }

  private static JsonNode outputValue(String payload) {
    try {
      return EventJson.mapper().readTree(payload).path("output").path("value");
    } catch (JsonProcessingException e) {
      throw new AuditStorageException("AUDIT-012 a stored audit event is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static List<List<String>> chunks(Collection<String> keys) {
    List<String> all = new ArrayList<>(keys);
    List<List<String>> chunks = new ArrayList<>();
    for (int start = 0; start < all.size(); start += MAX_KEYS_PER_QUERY) {
      chunks.add(all.subList(start, Math.min(all.size(), start + MAX_KEYS_PER_QUERY)));
    }
    return chunks;
  }

  private static String placeholders(int count) {
    return String.join(", ", java.util.Collections.nCopies(count, "?"));
  }

  private static void bind(PreparedStatement query, List<String> values) throws SQLException {
    for (int i = 0; i < values.size(); i++) {
      query.setString(i + 1, values.get(i));
    }
  }
}
