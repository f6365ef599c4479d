package org.auditrail.autoconfigure;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.auditrail.siem.SiemForwarder;

/**
 * The SIEM stream's health per sink: {@code audit.siem.degraded} (1 while the sink does not accept events) and
 * {@code audit.siem.lag} (sealed events the sink has not accepted yet; -1 while the database cannot say).
 */
public class SiemMetrics implements MeterBinder {

  private final SiemForwarder forwarder;

  public SiemMetrics(SiemForwarder forwarder) {
    this.forwarder = forwarder;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (String sink : forwarder.sinkNames()) {
      Gauge.builder("audit.siem.degraded", forwarder, f -> f.status(sink).degraded() ? 1 : 0).tag("sink", sink)
          .description("1 while the SIEM sink does not accept the sealed events").register(registry);
      Gauge.builder("audit.siem.lag", forwarder, f -> f.status(sink).lag()).tag("sink", sink).baseUnit("entries")
          .description("Sealed events the SIEM sink has not accepted yet").register(registry);
    }
  }
}
