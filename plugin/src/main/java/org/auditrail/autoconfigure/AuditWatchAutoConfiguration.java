package org.auditrail.autoconfigure;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.auditrail.seal.LogProofs;
import org.auditrail.seal.LogVerification;
import org.auditrail.seal.ScheduledWork;
import org.auditrail.store.AuditStore;
import org.auditrail.verify.TrustedTimestampAuthorities;
import org.auditrail.watch.LogWatch;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Continuous verification, on by default ({@code audit.watch.enabled}): an incremental run every
 * {@code audit.watch.verify-interval}, a full run on {@code audit.watch.full-verify-cron}, failures published as
 * {@link org.auditrail.watch.VerificationFailed} application events and shown as {@code audit.watch.*} gauges.
 */
@AutoConfiguration(after = AuditLogAutoConfiguration.class)
@ConditionalOnBean({LogProofs.class, LogVerification.class})
@ConditionalOnProperty(prefix = "audit.watch", name = "enabled", matchIfMissing = true)
public class AuditWatchAutoConfiguration {

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  LogWatch auditLogWatch(AuditStore store, LogProofs proofs, LogVerification verification,
      AuditProperties properties, ApplicationEventPublisher events, ObjectProvider<ScheduledWork> work) {
    Duration interval = properties.getWatch().getVerifyInterval();
    if (interval == null || interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("audit.watch.verify-interval must be positive, but was: " + interval);
    }
    AuditProperties.Log log = properties.getLog();
    LogWatch watch = new LogWatch(store, proofs, verification, log.getOrigin(), log.getAnchorDirectory(),
        timestampTrust(log.getTimestampTrustStore()), events::publishEvent, Clock.systemUTC());
    return watch.start(interval, work.getIfAvailable(ScheduledWork::new));
  }

  @Bean(destroyMethod = "close")
  CronSchedule auditFullVerifySchedule(LogWatch watch, AuditProperties properties,
      ObjectProvider<ScheduledWork> work) {
    return new CronSchedule("audit-watch-full-verify", properties.getWatch().getFullVerifyCron(), watch::verifyFully,
        work.getIfAvailable(ScheduledWork::new)).start();
  }

  private static TrustedTimestampAuthorities timestampTrust(Path trustStore) {
    if (trustStore == null) {
      return null;
    }
    try {
      return TrustedTimestampAuthorities.read(trustStore);
    } catch (IOException e) {
      throw new IllegalArgumentException("audit.log.timestamp-trust-store cannot be read: " + e.getMessage(), e);
    }
  }

  /** Publishes the watch's health when Micrometer is on the class path. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
  static class Metrics {

    @Bean
    @ConditionalOnMissingBean
    AuditWatchMetrics auditWatchMetrics(LogWatch watch) {
      return new AuditWatchMetrics(watch, Clock.systemUTC());
    }
  }
}
