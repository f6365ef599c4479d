package org.auditrail.alert;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One rule's occurrences within its window, by the events' own time: when they reach the threshold the rule fires
 * with them, and they are used up, so the next alert needs as many new ones.
 */
final class RuleWindow {

  private final Deque<Occurrence> occurrences = new ArrayDeque<>();
  /**
   * Occurrences that already fired, remembered while they are within the window: another entry of the same
   * operation, or the same finding reported again, must not fire a second alert.
   */
  private final Deque<Occurrence> used = new ArrayDeque<>();
  private long count;

  /** The occurrences that fire the rule, oldest first, or empty while they stay below its threshold. */
  Optional<List<Occurrence>> add(Occurrence occurrence, RuleDefinition rule) {
    Instant since = occurrence.at().minus(rule.window());
    while (!occurrences.isEmpty() && occurrences.peekFirst().at().isBefore(since)) {
      count -= occurrences.removeFirst().weight();
    }
    while (!used.isEmpty() && used.peekFirst().at().isBefore(since)) {
      used.removeFirst();
    }
    if (Stream.concat(used.stream(), occurrences.stream())
        .anyMatch(earlier -> earlier.key().equals(occurrence.key()))) {
      return Optional.empty();
    }
    occurrences.addLast(occurrence);
    count += occurrence.weight();
    if (count < rule.threshold()) {
      return Optional.empty();
    }
    List<Occurrence> fired = List.copyOf(occurrences);
    used.addAll(occurrences);
    occurrences.clear();
    count = 0;
    return Optional.of(fired);
  }

  /** The case all occurrences belong to, or {@code null} when they are of several or of none. */
  static String caseOf(List<Occurrence> occurrences) {
    Set<String> cases = new HashSet<>();
    occurrences.forEach(occurrence -> cases.add(occurrence.traceId()));
    return cases.size() == 1 ? cases.iterator().next() : null;
  }

  /**
   * An event that counts towards a rule: {@code traceId} its case ({@code null} for none), {@code key} makes
   * entries of one operation count once, {@code detail} is what the summary says of it ({@code null} for nothing).
   */
  record Occurrence(String eventId, String traceId, Instant at, long weight, String key, String detail) {
    Occurrence {
      Objects.requireNonNull(key);
    }

    Occurrence(String eventId, String traceId, Instant at, long weight, String key) {
      this(eventId, traceId, at, weight, key, null);
    }
  }
}
