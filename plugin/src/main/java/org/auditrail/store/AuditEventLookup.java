package org.auditrail.store;

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
final class AuditEventLookup {

  private static final int MAX_KEYS_PER_QUERY = 500;

  private AuditEventLookup() {}

  /** Maps activity (or process) instance ids to the id of the event that recorded their start. */
  static Map<String, String> startEvents(Connection connection, Collection<String> scopeIds)
      throws SQLException {
    Map<String, String> found = new HashMap<>();
    selectByEntity(connection, "select entity_id, event_id from audit_event where event_type in"
        + " ('process_started', 'activity_started') and entity_id in (%s)", scopeIds,
        rows -> found.put(rows.getString(1), rows.getString(2)));
    return found;
  }

  /** Maps variable instance ids to the value their latest recorded creation or update wrote. */
  static Map<String, JsonNode> lastValues(Connection connection, Collection<String> variableInstanceIds)
      throws SQLException {
    Map<String, JsonNode> found = new HashMap<>();
    selectByEntity(connection, "select entity_id, payload from audit_event where event_type in"
        + " ('variable_created', 'variable_updated') and entity_id in (%s) order by event_id", variableInstanceIds,
        rows -> found.put(rows.getString(1), outputValue(rows.getString(2))));
    return found;
  }

  /** Runs a query whose {@code %s} takes the keys, in chunks that every database accepts, row by row. */
  private static void selectByEntity(Connection connection, String sql, Collection<String> keys, RowReader reader)
      throws SQLException {
    for (List<String> chunk : chunks(keys)) {
      try (PreparedStatement query = connection.prepareStatement(String.format(sql, placeholders(chunk.size())))) {
        bind(query, chunk);
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            reader.read(rows);
          }
        }
      }
    }
  }

  @FunctionalInterface
  private interface RowReader {
    void read(ResultSet row) throws SQLException;
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
