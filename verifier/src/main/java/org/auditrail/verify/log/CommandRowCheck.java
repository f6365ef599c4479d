package org.auditrail.verify.log;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Checks a stored command row against its own events: the lookup columns must be what the events imply, and the
 * lines must stand in the order the log sealed them. Findings name the row's first sealed event and its index, or
 * the event concerned.
 */
final class CommandRowCheck {

  private CommandRowCheck() {}

  static void verify(CommandRow row, List<Finding> findings) {
    CommandRow.Sealed first = row.sealed().get(0);
    List<EventFields> events = new ArrayList<>();
    for (int i = 0; i < row.lines().size(); i++) {
      CommandRow.Line line = row.lines().get(i);
      if (line.event() == null) {
        findings.add(new Finding(Problem.MODIFIED, null, null, "line " + (i + 1) + " of command row "
            + row.commandId() + " is not an event's JSON: " + line.unreadable()));
      } else {
        events.add(line.event());
      }
    }
    Mismatches mismatches = new Mismatches(row, first, findings);
    mismatches.check("event_count", String.valueOf(row.eventCount()), String.valueOf(row.lines().size()));
    mismatches.checkSet("trace_ids", row.traceIds(), events, EventFields::traceId);
    mismatches.checkSet("business_keys", row.businessKeys(), events, EventFields::businessKey);
    mismatches.checkSet("process_instance_ids", row.processInstanceIds(), events, EventFields::processInstanceId);
    String earliest = null;
    String latest = null;
    for (EventFields event : events) {
      String time = event.timestamp();
      if (time != null) {
        earliest = earliest == null || compareTimes(time, earliest) < 0 ? time : earliest;
        latest = latest == null || compareTimes(time, latest) > 0 ? time : latest;
      }
    }
    mismatches.checkTime("first_event_time", row.firstEventTime(), earliest);
    mismatches.checkTime("last_event_time", row.lastEventTime(), latest);
    verifyOrder(row, findings);
  }

  /**
   * The row's sealed events must stand in its lines in the order the log sealed them. Lines the round did not seal
   * (or that are gone) are left out of the comparison: those are reported as inserted or deleted.
   */
  private static void verifyOrder(CommandRow row, List<Finding> findings) {
    Map<String, Integer> positions = row.positions();
    List<CommandRow.Sealed> placed = new ArrayList<>();
    List<Integer> placedAt = new ArrayList<>();
    for (CommandRow.Sealed sealed : row.sealed()) {
      Integer position = positions.get(sealed.eventId());
      if (position != null) {
        placed.add(sealed);
        placedAt.add(position);
      }
    }
    List<Integer> inOrder = placedAt.stream().sorted().toList();
    for (int k = 0; k < placed.size(); k++) {
      int slot = inOrder.indexOf(placedAt.get(k));
      if (slot != k) {
        findings.add(new Finding(Problem.REORDERED, placed.get(k).eventId(), placed.get(k).logIndex(),
            "the event's line in command row " + row.commandId() + " stands where the event the log sealed at index "
                + placed.get(slot).logIndex() + " belongs"));
      }
    }
  }

  /** Timestamps in the one text form compare as text; any other form is compared as an instant. */
  private static int compareTimes(String a, String b) {
    if (a.length() == b.length()) {
      return a.compareTo(b);
    }
    try {
      return Instant.parse(a).compareTo(Instant.parse(b));
    } catch (DateTimeParseException e) {
      return a.compareTo(b);
    }
  }

  /** Adds a finding for each column that disagrees with the row's events. */
  private record Mismatches(CommandRow row, CommandRow.Sealed named, List<Finding> findings) {

    void check(String column, String stored, String implied) {
      if (!Objects.equals(stored, implied)) {
        findings.add(new Finding(Problem.COLUMN_MISMATCH, named.eventId(), named.logIndex(), "column " + column
            + " of command row " + row.commandId() + " holds '" + stored + "' but its events say '" + implied
            + "'"));
      }
    }

    void checkSet(String column, Collection<String> stored, List<EventFields> events,
        Function<EventFields, String> field) {
      Set<String> implied = sorted(events.stream().map(field).filter(Objects::nonNull).toList());
      Set<String> held = sorted(stored);
      if (!held.equals(implied)) {
        check(column, held.toString(), implied.toString());
      }
    }

    void checkTime(String column, Instant stored, String implied) {
      if (!sameInstant(stored, implied)) {
        check(column, stored == null ? null : EventTime.format(stored), implied);
      }
    }

    private static boolean sameInstant(Instant stored, String implied) {
      if (stored == null || implied == null) {
        return stored == null && implied == null;
      }
      try {
        return stored.equals(Instant.parse(implied));
      } catch (DateTimeParseException e) {
        return false;
      }
    }

    private static Set<String> sorted(Collection<String> values) {
      Set<String> set = new TreeSet<>(Comparator.nullsFirst(Comparator.<String>naturalOrder()));
      set.addAll(values);
      return set;
    }
  }
}
