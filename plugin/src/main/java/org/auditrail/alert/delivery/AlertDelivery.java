package org.auditrail.alert.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.auditrail.alert.AlertChannel;
import org.auditrail.alert.AlertRaised;
import org.auditrail.alert.DeliveryLog;

/**
 * Delivers each alert on each of its channels, on a small pool of daemon threads of its own: {@link #deliver} only
 * hands the work over, so that a slow or unreachable receiver never holds up sealing, rule evaluation or the engine.
 * A failed attempt is tried again after a pause that doubles, up to {@link DeliverySettings#maxAttempts()}; every
 * attempt's result goes to the {@link DeliveryLog}. A delivery given up on leaves delivery {@link #degraded()} until
 * a later alert reaches that same channel.
 */
public final class AlertDelivery implements AutoCloseable {

  private static final int THREADS = 2;

  private final Map<String, AlertSender> senders;
  private final DeliveryLog log;
  private final DeliverySettings settings;
  private final Clock clock;
  private final ScheduledThreadPoolExecutor executor;
  private final AtomicInteger pendingRetries = new AtomicInteger();
  /** The channels whose last delivery was given up on. */
  private final Set<AlertChannel> failing = ConcurrentHashMap.newKeySet();

  public AlertDelivery(List<AlertSender> senders, DeliveryLog log, DeliverySettings settings, Clock clock) {
    this.senders = senders.stream().collect(Collectors.toUnmodifiableMap(AlertSender::channelType,
        Function.identity()));
    this.log = log;
    this.settings = settings;
    this.clock = clock;
    AtomicInteger threads = new AtomicInteger();
    this.executor = new ScheduledThreadPoolExecutor(THREADS, runnable -> {
      Thread thread = new Thread(runnable, "audit-alert-delivery-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    executor.setRemoveOnCancelPolicy(true);
  }

  /** Starts delivering the alert on each of its channels and returns at once. */
  public void deliver(AlertRaised alert) {
    for (AlertChannel channel : alert.channels()) {
      try {
        executor.execute(() -> attempt(alert, channel, 1));
      } catch (RejectedExecutionException e) {
        // The application is stopping: the publisher is not the place to fail.
        DeliveryLogger.givenUp(alert.alertId(), describe(channel), 0, "the application is stopping");
      }
    }
  }

  private void attempt(AlertRaised alert, AlertChannel channel, int attempt) {
    String where = describe(channel);
    AlertSender sender = senders.get(channel.type());
    boolean delivered = false;
    boolean retry = false;
    String result;
    if (sender == null) {
      result = "no sender for channel type " + channel.type();
      DeliveryLogger.noSender(alert.alertId(), channel.type());
    } else {
      try {
        result = sender.send(alert, channel);
        delivered = true;
      } catch (DeliveryRefusedException e) {
        result = e.getMessage();
      } catch (Exception e) {
        // Every failure is retried, the unexpected ones too: a lost alert is worse than one more attempt.
        result = e.getMessage() == null ? e.toString() : e.getClass().getSimpleName() + ": " + e.getMessage();
        retry = attempt < settings.maxAttempts();
      }
    }
    // The state moves before the attempt is recorded, so that whoever reads the record sees it moved.
    if (delivered) {
      failing.remove(channel);
      record(alert, channel, attempt, true, result, where);
      if (attempt > 1) {
        DeliveryLogger.delivered(alert.alertId(), where, attempt);
      }
    } else if (retry) {
      pendingRetries.incrementAndGet();
      record(alert, channel, attempt, false, result, where);
      Duration pause = settings.retryAfter(attempt);
      DeliveryLogger.attemptFailed(alert.alertId(), where, attempt, settings.maxAttempts(), result, pause);
      executor.schedule(() -> {
        pendingRetries.decrementAndGet();
        attempt(alert, channel, attempt + 1);
      }, pause.toMillis(), TimeUnit.MILLISECONDS);
    } else {
      failing.add(channel);
      record(alert, channel, attempt, false, result, where);
      DeliveryLogger.givenUp(alert.alertId(), where, attempt, result);
    }
  }

  private void record(AlertRaised alert, AlertChannel channel, int attempt, boolean delivered, String result,
      String where) {
    try {
      log.attempted(alert.alertId(), channel, attempt, clock.instant(), delivered, result);
    } catch (RuntimeException e) {
      // The delivery itself goes on: the alert matters more than the record of how it travelled.
      DeliveryLogger.notRecorded(alert.alertId(), where, attempt, e);
    }
  }

  /** A channel for logs, without the secret part of a webhook's URL. */
  static String describe(AlertChannel channel) {
    if (AlertChannel.WEBHOOK.equals(channel.type())) {
      try {
        return "webhook " + WebhookSender.redacted(WebhookSender.webhookUrl(channel.target()));
      } catch (DeliveryRefusedException e) {
        return "webhook with an unusable URL";
      }
    }
    return channel.type() + " " + channel.target();
  }

  /** Whether the last delivery to some channel was given up on. */
  public boolean degraded() {
    return !failing.isEmpty();
  }

  /** Failed attempts waiting for their next try. */
  public int pendingRetries() {
    return pendingRetries.get();
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
