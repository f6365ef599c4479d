package org.auditrail.verify.log;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A stored engine command as the per-command layout holds it ({@code audit_command}): its lookup columns, its
 * events one canonical JSON line each, and which of them one sealing round sealed. Every entry of that round whose
 * event is in the row carries it, so the row is checked once, with its first sealed entry (see
 * {@link #checkedWith}), whichever thread hashes that entry.
 *
 * @param commandId the row's key
 * @param eventCount the stored {@code event_count}
 * @param firstEventTime the stored {@code first_event_time}
 * @param lastEventTime the stored {@code last_event_time}
 * @param traceIds the stored {@code trace_ids}
 * @param businessKeys the stored {@code business_keys}
 * @param processInstanceIds the stored {@code process_instance_ids}
 * @param lines the stored events, one line each, in the order stored
 * @param sealed the row's events that the sealing round sealed, in log order
 */
public record CommandRow(String commandId, int eventCount, Instant firstEventTime, Instant lastEventTime,
    List<String> traceIds, List<String> businessKeys, List<String> processInstanceIds, List<Line> lines,
    List<Sealed> sealed) {

  /**
   * One stored line.
   *
   * @param text the line as stored
   * @param event its fields, or {@code null} when the line is not an event's JSON
   * @param unreadable why the line could not be read, or {@code null}
   */
  public record Line(String text, EventFields event, String unreadable) {

    /** Reads one line; a line that is not JSON is kept, with the reason. */
    public static Line of(String text) {
      try {
        return new Line(text, EventFields.read(text), null);
      } catch (IOException | RuntimeException e) {
        return new Line(text, null, e.getMessage());
      }
    }

    /** The event id the line names, or {@code null}. */
    public String eventId() {
      return event == null ? null : event.eventId();
    }
  }

  /** A sealed event of the row: its id and the log index it was sealed at. */
  public record Sealed(String eventId, long logIndex) {}

  /** Splits a stored {@code events} column into its lines and reads each; an empty column has no lines. */
  public static List<Line> lines(String events) {
    List<Line> lines = new ArrayList<>();
    if (events == null || events.isEmpty()) {
      return lines;
    }
    int start = 0;
    while (true) {
      int end = events.indexOf('\n', start);
      lines.add(Line.of(end < 0 ? events.substring(start) : events.substring(start, end)));
      if (end < 0) {
        return lines;
      }
      start = end + 1;
    }
  }

  /** The position of each event's line in the row, by event id; the first line wins when an id repeats. */
  public Map<String, Integer> positions() {
    Map<String, Integer> positions = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String eventId = lines.get(i).eventId();
      if (eventId != null) {
        positions.putIfAbsent(eventId, i);
      }
    }
    return positions;
  }

  /** Whether the row is checked together with this entry: its first sealed one. */
  boolean checkedWith(StoredLog.Entry entry) {
    return !sealed.isEmpty() && sealed.get(0).logIndex() == entry.logIndex();
  }
}
