package org.auditrail.autoconfigure;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.auditrail.siem.OtlpLogSink;
import org.auditrail.siem.SiemConfigurationException;
import org.auditrail.siem.SiemForwarder;
import org.auditrail.siem.SiemSink;
import org.auditrail.siem.SyslogSink;
import org.auditrail.store.AuditStore;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The SIEM stream: every sealed event to a syslog server and/or an OpenTelemetry collector, on a thread of its own.
 * Off unless {@code audit.siem.syslog.host} or {@code audit.siem.otlp.endpoint} is set.
 */
@AutoConfiguration(after = AuditLogAutoConfiguration.class)
@ConditionalOnBean(AuditStore.class)
@ConditionalOnProperty(prefix = "audit", name = "enabled", matchIfMissing = true)
@Conditional(AuditSiemAutoConfiguration.SinkConfigured.class)
public class AuditSiemAutoConfiguration {

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  SiemForwarder auditSiemForwarder(AuditStore store, AuditProperties properties) {
    SiemProperties siem = properties.getSiem();
    SiemForwarder forwarder = new SiemForwarder(store.sealedLog(), store.sinkPositions(), sinks(siem),
        siem.toSettings(), Clock.systemUTC());
    forwarder.start();
    return forwarder;
  }

  static List<SiemSink> sinks(SiemProperties siem) {
    List<SiemSink> sinks = new ArrayList<>();
    SiemProperties.Syslog syslog = siem.getSyslog();
    if (syslog.getHost() != null && !syslog.getHost().isBlank()) {
      if (syslog.getPort() < 1 || syslog.getPort() > 65535) {
        throw new SiemConfigurationException("audit.siem.syslog.port must be a TCP port (1 to 65535), but"
            + " was " + syslog.getPort());
      }
      if (!syslog.isTls()) {
        sinks.add(SyslogSink.tcp(syslog.getHost(), syslog.getPort(), syslog.getTimeout(), syslog.getHostname(),
            syslog.getAppName()));
      } else if (syslog.getTrustedCertificates() == null) {
        throw new SiemConfigurationException("audit.siem.syslog.trusted-certificates is required with"
            + " audit.siem.syslog.tls=true: name a PEM file with the CA certificate of the syslog server, or set"
            + " audit.siem.syslog.tls=false for plain TCP");
      } else {
        sinks.add(SyslogSink.tls(syslog.getHost(), syslog.getPort(), syslog.getTrustedCertificates(),
            syslog.getTimeout(), syslog.getHostname(), syslog.getAppName()));
      }
    }
    SiemProperties.Otlp otlp = siem.getOtlp();
    if (otlp.getEndpoint() != null) {
      String scheme = otlp.getEndpoint().getScheme();
      if (!"http".equals(scheme) && !"https".equals(scheme) || otlp.getEndpoint().getHost() == null) {
        throw new SiemConfigurationException("audit.siem.otlp.endpoint must be an http or https URL such as"
            + " http://collector:4318/v1/logs, but was " + otlp.getEndpoint());
      }
      sinks.add(new OtlpLogSink(otlp.getEndpoint(), otlp.getHeaders(), otlp.getTimeout(), otlp.getServiceName(),
          Clock.systemUTC()));
    }
    return sinks;
  }

  /** Publishes each sink's lag and health when Micrometer is on the class path. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
  static class Metrics {

    @Bean
    @ConditionalOnMissingBean
    SiemMetrics auditSiemMetrics(SiemForwarder forwarder) {
      return new SiemMetrics(forwarder);
    }
  }

  /** A syslog host or an OTLP endpoint is configured. */
  static final class SinkConfigured extends AnyNestedCondition {

    SinkConfigured() {
      super(ConfigurationPhase.REGISTER_BEAN);
    }

    @ConditionalOnProperty(prefix = "audit.siem.syslog", name = "host")
    static final class Syslog {}

    @ConditionalOnProperty(prefix = "audit.siem.otlp", name = "endpoint")
    static final class Otlp {}
  }
}
