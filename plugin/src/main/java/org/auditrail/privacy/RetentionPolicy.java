package org.auditrail.privacy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.auditrail.event.EventType;

/**
 * How long the payloads (content-store blobs) of each event type are kept, checked against the legal minimum
 * configured for it. Events, their hashes and all proofs are kept forever; only payloads expire.
 */
public final class RetentionPolicy {

  private final Map<String, Duration> retention;

  /**
   * @throws IllegalArgumentException naming every unknown event type and every retention shorter than its minimum
   */
  public RetentionPolicy(Map<String, Duration> retention, Map<String, Duration> minimum) {
    List<String> problems = new ArrayList<>();
    for (String type : union(retention, minimum)) {
      if (EventType.fromWireName(type).isEmpty()) {
        problems.add("'" + type + "' is not an event type");
      }
    }
    retention.forEach((type, kept) -> {
      Duration least = minimum.get(type);
      if (kept.isNegative() || kept.isZero()) {
        problems.add("the retention of " + type + " must be positive, but is " + kept);
      } else if (least != null && kept.compareTo(least) < 0) {
        problems.add("the retention of " + type + " (" + kept.toDays() + " days) is shorter than the legal minimum"
            + " of " + least.toDays() + " days configured for it");
      }
    });
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("AUDIT-064 the retention policy is refused, and nothing is deleted: "
          + String.join("; ", problems));
    }
    this.retention = new TreeMap<>(retention);
  }

  public Map<String, Duration> byEventType() {
    return retention;
  }

  /** How the policy of an event type is named in expiry records, such as {@code model_call 90 days}. */
  static String describe(String eventType, Duration kept) {
    return eventType + " " + kept.toDays() + " days";
  }

  private static List<String> union(Map<String, Duration> first, Map<String, Duration> second) {
    TreeMap<String, Duration> all = new TreeMap<>(second);
    all.putAll(first);
    return new ArrayList<>(all.keySet());
  }
}
