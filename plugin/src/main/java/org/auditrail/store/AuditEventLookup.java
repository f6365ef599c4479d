package org.auditrail.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The two questions a command's events ask of events committed earlier: which event started a scope, and what a
 * variable's value last was. The command rows are found by the trace of the case, one query per trace, and the
 * answer is picked out of its events: the capture's cache answers most of these questions before they get here.
 */
final class AuditEventLookup {

  private static final Set<String> SCOPE_STARTS = Set.of("process_started", "activity_started");
  private static final Set<String> VALUE_WRITES = Set.of("variable_created", "variable_updated");

  private AuditEventLookup() {}

  static Map<String, String> startEvents(EventStore store, Connection connection, Map<String, String> scopeTraces)
      throws SQLException {
    Map<String, String> found = new HashMap<>();
    for (Map.Entry<String, Set<String>> trace : byTrace(scopeTraces).entrySet()) {
      for (EventLine line : store.trace(connection, trace.getKey())) {
        if (SCOPE_STARTS.contains(line.eventType()) && trace.getValue().contains(line.entityId())) {
          found.putIfAbsent(line.entityId(), line.eventId());
        }
      }
    }
    return found;
  }

  static Map<String, JsonNode> lastValues(EventStore store, Connection connection,
      Map<String, String> variableTraces) throws SQLException {
    Map<String, JsonNode> found = new HashMap<>();
    for (Map.Entry<String, Set<String>> trace : byTrace(variableTraces).entrySet()) {
      // In the order recorded, so that the latest write is the one kept.
      for (EventLine line : store.trace(connection, trace.getKey())) {
        if (VALUE_WRITES.contains(line.eventType()) && trace.getValue().contains(line.entityId())) {
          found.put(line.entityId(), line.event().path("output").path("value"));
        }
      }
    }
    return found;
  }

  private static Map<String, Set<String>> byTrace(Map<String, String> keyTraces) {
    Map<String, Set<String>> byTrace = new TreeMap<>();
    keyTraces.forEach((key, trace) -> {
      if (trace != null) {
        byTrace.computeIfAbsent(trace, t -> new TreeSet<>()).add(key);
      }
    });
    return byTrace;
  }
}
