package org.auditrail.siem;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.auditrail.seal.DaemonTimer;
import org.auditrail.store.SealedLog.SealedEvent;
import org.auditrail.store.SealedLog;
import org.auditrail.store.SinkPositions;

/**
 * Streams the sealed events to each sink in log order, at least once: it reads from the sink's stored position,
 * and moves that position on only after the sink accepted the batch, so that a failure or a restart sends the
 * unaccepted events again (a receiver recognizes a repeat by its log index). Runs on a thread of its own, after
 * sealing and apart from the engine's commands; a failing sink is retried with a doubling pause and shows as
 * degraded, with its lag in entries, until it accepts again.
 */
public final class SiemForwarder implements AutoCloseable {

  private final SealedLog log;
  private final SinkPositions positions;
  private final List<SinkState> sinks;
  private final SiemSettings settings;
  private final Clock clock;
  private ScheduledExecutorService executor;

  public SiemForwarder(SealedLog log, SinkPositions positions, List<SiemSink> sinks, SiemSettings settings,
      Clock clock) {
    this.log = log;
    this.positions = positions;
    this.sinks = sinks.stream().map(SinkState::new).toList();
    this.settings = settings;
    this.clock = clock;
  }

  /** Forwards every interval until closed. */
  public synchronized void start() {
    if (executor != null) {
      return;
    }
    executor = DaemonTimer.named("audit-siem-forwarder");
    long interval = settings.interval().toMillis();
    executor.scheduleWithFixedDelay(this::forwardDue, interval, interval, TimeUnit.MILLISECONDS);
  }

  /** One scheduled pass: each sink whose retry pause (after a failure) is over. */
  void forwardDue() {
    Instant now = clock.instant();
    for (SinkState sink : sinks) {
      if (!now.isBefore(sink.retryAt)) {
        forward(sink);
      }
    }
  }

  /**
   * One pass over every sink now, failing ones included: each gets every sealed event it has not accepted yet.
   * Answers how many events the sinks accepted in all.
   */
  public synchronized long forwardNow() {
    long accepted = 0;
    for (SinkState sink : sinks) {
      accepted += forward(sink);
    }
    return accepted;
  }

  private synchronized long forward(SinkState state) {
    long accepted = 0;
    try {
      long next = positions.next(state.sink.name());
      state.next = next;
      if (!state.started) {
        SiemLogger.streaming(state.sink.name(), next);
        state.started = true;
      }
      List<SealedEvent> events;
      do {
        events = log.from(next, settings.batchSize());
        if (events.isEmpty()) {
          break;
        }
        state.sink.send(events);
        long to = next + events.size();
        if (positions.advance(state.sink.name(), next, to, clock.instant())) {
          next = to;
        } else {
          SiemLogger.movedElsewhere(state.sink.name(), next);
          next = positions.next(state.sink.name());
        }
        state.next = next;
        accepted += events.size();
      } while (events.size() == settings.batchSize());
      state.lag = Math.max(0, log.size() - next);
      if (state.failures > 0) {
        SiemLogger.sinkRecovered(state.sink.name(), state.failures, next);
      }
      state.failure = null;
      state.failures = 0;
      state.retryAt = Instant.MIN;
    } catch (Throwable e) {
      // Every Throwable: the executor would otherwise cancel the stream for good, unseen.
      state.failures++;
      state.failure = String.valueOf(e);
      Duration pause = settings.retryAfter(state.failures);
      state.retryAt = clock.instant().plus(pause);
      state.lag = lagQuietly(state.next);
      SiemLogger.sinkFailed(state.sink.name(), state.next, state.failures, pause, e);
    }
    return accepted;
  }

  private long lagQuietly(long next) {
    try {
      return Math.max(0, log.size() - next);
    } catch (SQLException | RuntimeException e) {
      return -1; // the database is out of reach too: the lag is unknown
    }
  }

  /** Each sink's state as last seen, in the order configured. */
  public List<SinkStatus> status() {
    return sinks.stream().map(SinkState::status).toList();
  }

  /** The names of the sinks, in the order configured. */
  public List<String> sinkNames() {
    return sinks.stream().map(state -> state.sink.name()).toList();
  }

  /** One sink's state as last seen. */
  public SinkStatus status(String sink) {
    return sinks.stream().filter(state -> state.sink.name().equals(sink)).findFirst().orElseThrow().status();
  }

  @Override
  public synchronized void close() {
    if (executor != null) {
      executor.shutdownNow();
      executor = null;
    }
    sinks.forEach(state -> state.sink.close());
  }

  private static final class SinkState {
    final SiemSink sink;
    boolean started;
    // Read by metrics while a pass runs: volatile rather than behind the pass's lock.
    volatile long next;
    volatile long lag;
    volatile String failure;
    volatile int failures;
    volatile Instant retryAt = Instant.MIN;

    SinkState(SiemSink sink) {
      this.sink = sink;
    }

    SinkStatus status() {
      return new SinkStatus(sink.name(), next, lag, failure, failures);
    }
  }
}
