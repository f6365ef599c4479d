package org.auditrail.alert;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * A share-mode rule's events within its window, by the events' own time: every event considered (each decision
 * made, each review), those of the condition's kind with a weight above 0. Once at least {@code min_events} are
 * considered and the share of those of its kind reaches {@code share}, the rule fires and the window is used up.
 */
final class ShareWindow {

  private final Deque<RuleWindow.Occurrence> considered = new ArrayDeque<>();

  /** What fires the rule, or empty while too few events are considered or their share stays below the rule's. */
  Optional<Fired> add(RuleWindow.Occurrence occurrence, RuleDefinition rule) {
    Instant since = occurrence.at().minus(rule.window());
    while (!considered.isEmpty() && considered.peekFirst().at().isBefore(since)) {
      considered.removeFirst();
    }
    if (considered.stream().anyMatch(earlier -> earlier.key().equals(occurrence.key()))) {
      return Optional.empty();
    }
    considered.addLast(occurrence);
    List<RuleWindow.Occurrence> matching = considered.stream().filter(event -> event.weight() > 0).toList();
    double share = rule.share().orElseThrow();
    if (considered.size() < rule.minEvents() || matching.isEmpty()
        || (double) matching.size() / considered.size() < share) {
      return Optional.empty();
    }
    Fired fired = new Fired(matching, considered.size());
    considered.clear();
    return Optional.of(fired);
  }

  /** The events of the condition's kind, oldest first, out of how many were considered. */
  record Fired(List<RuleWindow.Occurrence> matching, int considered) {}
}
