package org.auditrail.autoconfigure;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.auditrail.watch.LogWatch;

/**
 * Continuous verification's health as metrics, beside {@code audit.log.degraded}: {@code audit.watch.degraded} (1
 * while the last run found the log tampered with, could not run to its end or could not be recorded) and
 * {@code audit.watch.verified.age} (seconds since a run last verified the log up to its newest checkpoint; NaN
 * before the first).
 */
public class AuditWatchMetrics implements MeterBinder {

  private final LogWatch watch;
  private final Clock clock;

  public AuditWatchMetrics(LogWatch watch, Clock clock) {
    this.watch = watch;
    this.clock = clock;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder("audit.watch.degraded", watch, w -> w.degraded() ? 1 : 0)
        .description("1 while continuous verification of the audit log fails").register(registry);
    Gauge.builder("audit.watch.verified.age", watch, this::verifiedAgeSeconds).baseUnit("seconds")
        .description("Time since continuous verification last verified the audit log").register(registry);
  }

  private double verifiedAgeSeconds(LogWatch w) {
    Instant verified = w.lastVerifiedAt();
    return verified == null ? Double.NaN : Duration.between(verified, clock.instant()).toMillis() / 1000.0;
  }
}
