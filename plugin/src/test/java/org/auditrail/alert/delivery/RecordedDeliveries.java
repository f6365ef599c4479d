package org.auditrail.alert.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.auditrail.alert.AlertChannel;
import org.auditrail.alert.DeliveryLog;

/** A delivery log in memory for tests: the attempts in the order they were recorded. */
public final class RecordedDeliveries implements DeliveryLog {

  /** One attempt as recorded (its time left out: tests compare the rest exactly). */
  public record Attempt(String alertId, AlertChannel channel, int attempt, boolean delivered, String result) {}

  private final List<Attempt> attempts = new ArrayList<>();

  @Override
  public synchronized void attempted(String alertId, AlertChannel channel, int attempt, Instant at,
      boolean delivered, String result) {
    attempts.add(new Attempt(alertId, channel, attempt, delivered, result));
    notifyAll();
  }

  public synchronized List<Attempt> attempts() {
    return List.copyOf(attempts);
  }

  /** Waits until at least {@code n} attempts are recorded, for at most ten seconds. */
  public synchronized List<Attempt> await(int n) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (attempts.size() < n && System.nanoTime() < end) {
      wait(Math.max(1, (end - System.nanoTime()) / 1_000_000));
    }
    return List.copyOf(attempts);
  }
}
