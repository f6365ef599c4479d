package org.auditrail.capture;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers, for recently started activity and process instances, the id of their committed start event, so
 * that most parent look-ups need no query. Only committed events are put here; a miss falls back to the
 * database, so the cache is safe with several engine nodes.
 */
final class StartedScopeCache {

  private final Map<String, String> startEvents;

  StartedScopeCache(int capacity) {
    this.startEvents = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
        return size() > capacity;
      }
    });
  }

  String startEventOf(String scopeId) {
    return startEvents.get(scopeId);
  }

  void remember(Map<String, String> committedStartEvents) {
    startEvents.putAll(committedStartEvents);
  }
}
