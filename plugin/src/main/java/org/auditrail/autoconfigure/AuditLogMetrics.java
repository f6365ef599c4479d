package org.auditrail.autoconfigure;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.auditrail.seal.Sequencer;

/**
 * The log's health as metrics: {@code audit.log.seal.lag} (milliseconds from recording to sealing, tagged p50 and
 * p99 over the recent events, and {@code oldest}: how long the oldest queued event has waited, which grows while
 * sealing stalls) and {@code audit.log.degraded} (1 while sealing, anchoring, time-stamping or a background task
 * fails, or the log head disagrees with the log).
 */
public class AuditLogMetrics implements MeterBinder {

  private final Sequencer sequencer;

  public AuditLogMetrics(Sequencer sequencer) {
    this.sequencer = sequencer;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder("audit.log.seal.lag", sequencer, s -> s.status().sealLagP50Millis())
        .tag("percentile", "p50").baseUnit("milliseconds")
        .description("Delay from recording an audit event to sealing it into the log").register(registry);
    Gauge.builder("audit.log.seal.lag", sequencer, s -> s.status().sealLagP99Millis())
        .tag("percentile", "p99").baseUnit("milliseconds")
        .description("Delay from recording an audit event to sealing it into the log").register(registry);
    Gauge.builder("audit.log.seal.lag", sequencer, s -> s.status().oldestUnsealedMillis())
        .tag("percentile", "oldest").baseUnit("milliseconds")
        .description("How long the oldest audit event waiting to be sealed has waited").register(registry);
    Gauge.builder("audit.log.degraded", sequencer, s -> s.status().degraded() ? 1 : 0)
        .description("1 while sealing, anchoring or time-stamping of the audit log fails").register(registry);
  }
}
