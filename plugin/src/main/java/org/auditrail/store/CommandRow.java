package org.auditrail.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.auditrail.event.AuditEvent;
import org.auditrail.event.EventJson;
import org.auditrail.logformat.SealingQueue;
import org.auditrail.verify.Rfc6962;

/**
 * The events of one write (an engine command, or a write on a connection of its own) as one {@code audit_command}
 * row: their canonical JSON one per line, in the order recorded, and what lookups need: the traces, business keys
 * and process instances they touch, and the span of their times. Canonical JSON escapes every control character,
 * so a line break never occurs inside an event.
 */
record CommandRow(String commandId, List<SealingQueue.Queued> sealed, Instant firstEventTime,
    Instant lastEventTime, SortedSet<String> traceIds, SortedSet<String> businessKeys,
    SortedSet<String> processInstanceIds, String events) {

  static final String LINE_BREAK = "\n";

  static CommandRow of(Collection<AuditEvent> events) {
    StringBuilder lines = new StringBuilder();
    List<SealingQueue.Queued> sealed = new ArrayList<>(events.size());
    for (AuditEvent event : events) {
      String line = EventJson.canonical(event);
      if (!lines.isEmpty()) {
        lines.append(LINE_BREAK);
      }
      lines.append(line);
      sealed.add(new SealingQueue.Queued(event.eventId(), Rfc6962.leafHash(line.getBytes(StandardCharsets.UTF_8))));
    }
    return new CommandRow(sealed.get(0).eventId(), sealed,
        events.stream().map(AuditEvent::timestamp).min(Instant::compareTo).orElseThrow(),
        events.stream().map(AuditEvent::timestamp).max(Instant::compareTo).orElseThrow(),
        distinct(events, AuditEvent::traceId), distinct(events, event -> event.context().businessKey()),
        distinct(events, event -> event.context().processInstanceId()), lines.toString());
  }

  private static SortedSet<String> distinct(Collection<AuditEvent> events, Function<AuditEvent, String> value) {
    return events.stream().map(value).filter(Objects::nonNull).collect(Collectors.toCollection(TreeSet::new));
  }

  /** The lines of a stored {@code events} column. */
  static String[] lines(String events) {
    return events.split(LINE_BREAK, -1);
  }
}
