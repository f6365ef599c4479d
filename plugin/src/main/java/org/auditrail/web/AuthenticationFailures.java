package org.auditrail.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.auditrail.AuditLogger;
import org.auditrail.event.Actor;
import org.auditrail.event.AuditEvent;
import org.auditrail.event.EventContext;
import org.auditrail.event.EventError;
import org.auditrail.event.EventIds;
import org.auditrail.event.EventJson;
import org.auditrail.event.EventType;
import org.auditrail.event.Outcome;
import org.auditrail.seal.DaemonTimer;
import org.auditrail.store.EventStore;

/**
 * Records failed logins as {@code authentication_failed} events, so that an attack cannot fill the database: the
 * first {@code burst} failures from one address within a window are recorded one by one, the rest of that window
 * as one aggregate event with their count, written when the window has passed. Addresses beyond
 * {@link #MAX_ADDRESSES} in one window are counted together, so that many addresses cannot exhaust memory either.
 */
public class AuthenticationFailures implements AutoCloseable {

  static final int MAX_ADDRESSES = 10_000;
  static final String OTHER_ADDRESSES = "*";
  private static final int MAX_LISTED = 20;
  private static final Actor ACTOR = Actor.system("authentication", null);

  private static final class Window {
    final Instant start;
    int count;
    int aggregated;
    final Set<String> userIds = new LinkedHashSet<>();
    final Set<String> paths = new LinkedHashSet<>();

    Window(Instant start) {
      this.start = start;
    }
  }

  private final EventStore events;
  private final int burst;
  private final Duration window;
  private final Clock clock;
  private final Map<String, Window> windows = new HashMap<>();
  private final ScheduledExecutorService sweeper;

  public AuthenticationFailures(EventStore events, int burst, Duration window, Clock clock) {
    if (burst < 0 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("audit.access.failed-login-burst must be at least 0 and"
          + " failed-login-window positive, but were: " + burst + " and " + window);
    }
    this.events = events;
    this.burst = burst;
    this.window = window;
    this.clock = clock;
    this.sweeper = DaemonTimer.named("auditrail-failed-logins");
    long period = Math.max(100, Math.min(1000, window.toMillis() / 4));
    sweeper.scheduleWithFixedDelay(this::closeWindows, period, period, TimeUnit.MILLISECONDS);
  }

  /** A request with wrong credentials: the user id it tried (may be empty), from where, to which path. */
  public void failed(String userId, String address, String method, String path) {
    Instant now = clock.instant();
    AuditEvent single;
    synchronized (windows) {
      String key = windows.containsKey(address) || windows.size() < MAX_ADDRESSES ? address : OTHER_ADDRESSES;
      Window current = windows.computeIfAbsent(key, k -> new Window(now));
      current.count++;
      if (current.count <= burst) {
        single = single(userId, address, method, path, now);
      } else {
        if (current.aggregated++ == 0) {
          AuditLogger.authenticationFailuresAggregated(key, burst, window);
        }
        if (current.userIds.size() < MAX_LISTED) {
          current.userIds.add(userId);
        }
        if (current.paths.size() < MAX_LISTED) {
          current.paths.add(path);
        }
        single = null;
      }
    }
    if (single != null) {
      write(single, userId, address);
    }
  }

  /** Writes the aggregate of every window that has passed. */
  void closeWindows() {
    Instant now = clock.instant();
    Map<String, Window> closed = new HashMap<>();
    synchronized (windows) {
      for (Iterator<Map.Entry<String, Window>> it = windows.entrySet().iterator(); it.hasNext(); ) {
        Map.Entry<String, Window> entry = it.next();
        if (!now.isBefore(entry.getValue().start.plus(window))) {
          closed.put(entry.getKey(), entry.getValue());
          it.remove();
        }
      }
    }
    closed.forEach((address, passed) -> {
      if (passed.aggregated > 0) {
        write(aggregate(address, passed), null, address);
      }
    });
  }

  private AuditEvent single(String userId, String address, String method, String path, Instant at) {
    ObjectNode input = EventJson.mapper().createObjectNode().put("user_id", userId).put("address", address)
        .put("method", method).put("path", path);
    return event(at, input, EventJson.mapper().createObjectNode().put("count", 1));
  }

  private AuditEvent aggregate(String address, Window passed) {
    ObjectNode input = EventJson.mapper().createObjectNode().put("address", address);
    passed.userIds.forEach(input.putArray("user_ids")::add);
    passed.paths.forEach(input.putArray("paths")::add);
    ObjectNode output = EventJson.mapper().createObjectNode().put("count", passed.aggregated)
        .put("window_start", passed.start.toString())
        .put("window_end", passed.start.plus(window).toString());
    return event(clock.instant(), input, output);
  }

  private static AuditEvent event(Instant at, ObjectNode input, ObjectNode output) {
    String eventId = EventIds.next();
    return new AuditEvent(eventId, eventId, null, at, ACTOR, EventType.AUTHENTICATION_FAILED,
        EventContext.builder().build(), null, input, output, null, Outcome.ERROR,
        new EventError("authentication_failed", null));
  }

  private void write(AuditEvent event, String userId, String address) {
    try {
      events.appendDetached(List.of(event), List.of());
    } catch (Exception e) {
      AuditLogger.authenticationFailureNotRecorded(userId, address, e);
    }
  }

  @Override
  public void close() {
    sweeper.shutdownNow();
  }
}
