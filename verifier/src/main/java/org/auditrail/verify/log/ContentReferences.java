package org.auditrail.verify.log;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The content-store keys that sealed events reference, gathered while the events stream past (from several
 * threads), and checked at the end: each must resolve to a stored blob, or be covered by a sealed
 * {@code payload_expired} event that names it, under whose stated retention every event that references it had
 * expired. Holds one small record per referenced key that is not (yet) known to be stored, not the events.
 */
public final class ContentReferences {

  /**
   * The fields, at any depth, whose value is the key of content kept in the content store. A user's own JSON value
   * may use these names too, so only values that have the form of a key count.
   */
  public static final Set<String> FIELDS = Set.of("content_sha256", "bpmn_sha256", "schema_sha256",
      "snapshot_id", "snapshot_sha256", "previous_snapshot_sha256", "dmn_sha256");

  private static final String EXPIRY_TYPE = "\"event_type\":\"" + PayloadExpiry.EVENT_TYPE + "\"";

  private final Map<String, Referrers> unresolved = new ConcurrentHashMap<>();
  private final List<PayloadExpiry> expiries = new ArrayList<>();

  /** An event that references a key, as far as the check needs it. */
  private record Referrer(String eventId, Long logIndex, String eventType, Instant at) {}

  /** The events that reference one key: the first in the log, to name, and the latest of each event type. */
  private static final class Referrers {
    private Referrer first;
    private final Map<String, Referrer> latestByType = new TreeMap<>();

    synchronized void add(Referrer referrer) {
      if (first == null || order(referrer) < order(first)) {
        first = referrer;
      }
      latestByType.merge(referrer.eventType(), referrer, (a, b) -> later(a, b));
    }

    private static long order(Referrer referrer) {
      return referrer.logIndex() == null ? Long.MAX_VALUE : referrer.logIndex();
    }

    private static Referrer later(Referrer a, Referrer b) {
      if (a.at() == null) {
        return a;
      }
      return b.at() == null || b.at().isAfter(a.at()) ? b : a;
    }
  }

  /**
   * Notes the keys a sealed event references, and what it expires if it is a {@code payload_expired} event. Only
   * events whose bytes match their sealed leaf may be given: an edited event is reported as such, and must not
   * justify a removal.
   */
  public void record(String eventId, Long logIndex, String json) {
    Set<String> keys = keysIn(json);
    boolean expiry = json.contains(EXPIRY_TYPE);
    if (keys.isEmpty() && !expiry) {
      return;
    }
    EventFields event;
    try {
      event = EventFields.read(json);
    } catch (IOException e) {
      return; // not an event the log can have sealed from the plugin; its keys cannot be told apart from text
    }
    if (PayloadExpiry.EVENT_TYPE.equals(event.eventType())) {
      try {
        PayloadExpiry read = PayloadExpiry.read(eventId, logIndex, json);
        synchronized (expiries) {
          expiries.add(read);
        }
      } catch (IOException e) {
        // Unreadable, it justifies nothing; its blobs are then reported missing.
      }
    }
    Referrer referrer = new Referrer(eventId, logIndex, event.eventType(), instant(event.timestamp()));
    for (String key : keys) {
      unresolved.computeIfAbsent(key, k -> new Referrers()).add(referrer);
    }
  }

  /** Notes a key whose blob is stored, once every event was recorded: nothing about it needs keeping. */
  public void stored(String sha256) {
    unresolved.remove(sha256);
  }

  /**
   * Adds a {@link Problem#BLOB_MISSING} finding for every referenced key that resolves to no stored blob and is not
   * justified by a sealed {@code payload_expired} event, and an {@link Problem#INSERTED} one for every recorded
   * expiry that no sealed event names; answers the payloads whose removal the sealed events justify.
   *
   * @param expiryRows the expiries the store recorded, or {@code null} where there is no store (a bundle)
   */
  public List<ExpiredPayload> verify(Collection<ExpiredPayload> expiryRows, List<Finding> findings) {
    Map<String, List<PayloadExpiry>> bySha = new HashMap<>();
    expiries.sort(Comparator.comparing(PayloadExpiry::expiredAt));
    for (PayloadExpiry expiry : expiries) {
      expiry.policies().keySet().forEach(sha256 -> bySha.computeIfAbsent(sha256, k -> new ArrayList<>())
          .add(expiry));
    }
    List<ExpiredPayload> expired = new ArrayList<>();
    for (String sha256 : new TreeSet<>(unresolved.keySet())) {
      Referrers referrers = unresolved.get(sha256);
      String why = null;
      PayloadExpiry justified = null;
      for (PayloadExpiry expiry : bySha.getOrDefault(sha256, List.of())) {
        why = retentionNotPassed(sha256, referrers, expiry);
        if (why == null) {
          justified = expiry;
          break;
        }
      }
      if (justified != null) {
        expired.add(new ExpiredPayload(sha256, justified.policies().get(sha256), justified.expiredAt().toString()));
      } else {
        findings.add(new Finding(Problem.BLOB_MISSING, referrers.first.eventId(), referrers.first.logIndex(),
            "the event references content " + sha256 + ", which is not stored"
                + (why == null ? " and which no sealed payload_expired event names" : ": " + why)));
      }
    }
    if (expiryRows != null) {
      for (ExpiredPayload row : expiryRows) {
        if (!bySha.containsKey(row.sha256())) {
          findings.add(new Finding(Problem.INSERTED, null, null, "audit_content_expiry records the removal of "
              + row.sha256() + " (" + row.policy() + ", " + row.expiredAt()
              + "), but no sealed payload_expired event names it"));
        }
      }
    }
    return expired;
  }

  /** Why the expiry does not cover every event that references the key, or {@code null} if it does. */
  private static String retentionNotPassed(String sha256, Referrers referrers, PayloadExpiry expiry) {
    String by = "payload_expired event " + expiry.eventId() + " of " + expiry.expiredAt() + " ("
        + expiry.policies().get(sha256) + ")";
    for (Referrer referrer : referrers.latestByType.values()) {
      Optional<Duration> kept = expiry.retentionOf(referrer.eventType(), sha256);
      String event = "event " + referrer.eventId() + " (" + referrer.eventType() + ")";
      if (kept.isEmpty()) {
        if (!expiry.retention().isEmpty()) {
          return by + " names no retention for " + event + ", which references it";
        }
        continue; // an earlier version's event names the retention of its policy's event type only
      }
      if (referrer.at() == null) {
        return event + " references it with no readable timestamp, so " + by + " cannot show its retention passed";
      }
      Instant keptUntil = referrer.at().plus(kept.get());
      if (keptUntil.isAfter(expiry.expiredAt())) {
        return by + " removed it before the retention of " + event + " of " + referrer.at() + " ended at "
            + keptUntil;
      }
    }
    return null;
  }

  /** The keys an event's canonical JSON references: a scan for the fields, cheaper than parsing every event. */
  static Set<String> keysIn(String json) {
    Set<String> keys = null;
    for (String field : FIELDS) {
      String pattern = "\"" + field + "\":\"";
      for (int at = json.indexOf(pattern); at >= 0; at = json.indexOf(pattern, at + 1)) {
        int value = at + pattern.length();
        if (!escaped(json, at) && isKey(json, value)) {
          if (keys == null) {
            keys = new TreeSet<>();
          }
          keys.add(json.substring(value, value + 64));
        }
      }
    }
    return keys == null ? Set.of() : keys;
  }

  /** Whether the quote at {@code at} is escaped, and so inside a string rather than opening a field's name. */
  private static boolean escaped(String json, int at) {
    int backslashes = 0;
    for (int i = at - 1; i >= 0 && json.charAt(i) == '\\'; i--) {
      backslashes++;
    }
    return backslashes % 2 == 1;
  }

  /** Whether a string value of exactly 64 lower-case hex digits starts at {@code from}. */
  private static boolean isKey(String json, int from) {
    if (from + 64 >= json.length() || json.charAt(from + 64) != '"') {
      return false;
    }
    for (int i = from; i < from + 64; i++) {
      char c = json.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  private static Instant instant(String timestamp) {
    try {
      return timestamp == null ? null : Instant.parse(timestamp);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
