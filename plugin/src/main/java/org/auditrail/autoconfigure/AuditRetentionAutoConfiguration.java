package org.auditrail.autoconfigure;

import java.time.Duration;
import java.time.Instant;
import org.auditrail.privacy.RetentionPolicy;
import org.auditrail.privacy.RetentionSweeper;
import org.auditrail.seal.ScheduledWork;
import org.auditrail.store.AuditStore;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Retention tiers, on when {@code audit.privacy.retention} names any event type: the policy is checked against the
 * legal minimums at start (a shorter retention refuses to start), and expired payloads are swept on a schedule.
 */
@AutoConfiguration(after = AuditAutoConfiguration.class)
@ConditionalOnClass(ProcessEngineConfigurationImpl.class)
@Conditional(AuditRetentionAutoConfiguration.RetentionConfigured.class)
public class AuditRetentionAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  RetentionPolicy auditRetentionPolicy(AuditProperties properties) {
    return new RetentionPolicy(properties.getPrivacy().getRetention(), properties.getPrivacy().getRetentionMinimum());
  }

  @Bean
  @ConditionalOnMissingBean
  RetentionSweeper auditRetentionSweeper(RetentionPolicy policy, AuditStore store) {
    return new RetentionSweeper(policy, store);
  }

  @Bean(destroyMethod = "close")
  CronSchedule auditRetentionSchedule(RetentionSweeper sweeper, AuditProperties properties,
      ObjectProvider<ScheduledWork> work) {
    return new CronSchedule("audit-retention-sweep", properties.getPrivacy().getRetentionCron(),
        () -> sweeper.sweep(Instant.now()), work.getIfAvailable(ScheduledWork::new)).start();
  }

  /** Matches when a retention is configured for at least one event type. */
  static final class RetentionConfigured extends SpringBootCondition {
    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
      boolean configured = Binder.get(context.getEnvironment())
          .bind("audit.privacy.retention", Bindable.mapOf(String.class, Duration.class))
          .map(map -> !map.isEmpty()).orElse(false);
      return configured ? ConditionOutcome.match("audit.privacy.retention is set")
          : ConditionOutcome.noMatch("no audit.privacy.retention");
    }
  }
}
