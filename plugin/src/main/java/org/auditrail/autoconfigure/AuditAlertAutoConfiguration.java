package org.auditrail.autoconfigure;

import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import org.auditrail.alert.DeliveryAttemptRepository;
import org.auditrail.alert.AlertEvaluator;
import org.auditrail.alert.AlertRepository;
import org.auditrail.alert.AlertRuleRepository;
import org.auditrail.alert.AlertRules;
import org.auditrail.alert.Alerting;
import org.auditrail.alert.Alerts;
import org.auditrail.alert.DeliveryLog;
import org.auditrail.alert.JpaDeliveryLog;
import org.auditrail.seal.ScheduledWork;
import org.auditrail.seal.Sequencer;
import org.auditrail.store.AuditStore;
import org.auditrail.web.AlertController;
import org.auditrail.web.GuardedPath;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.data.jpa.JpaRepositoriesAutoConfiguration;
import org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * Alert rules, their evaluation on the sealed log and the alerts API, with rules, alerts and deliveries kept by
 * Spring Data JPA ({@link AuditAlertJpaAutoConfiguration} adds their package to Boot's JPA scan). Off without JPA.
 */
@AutoConfiguration(after = {AuditLogAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
    JpaRepositoriesAutoConfiguration.class})
@ConditionalOnClass(AlertRuleRepository.class)
@ConditionalOnBean({AuditStore.class, EntityManagerFactory.class})
@ConditionalOnProperty(prefix = "audit", name = {"enabled", "alerts.enabled"}, matchIfMissing = true)
public class AuditAlertAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  Alerting auditAlerting(AuditStore store, AlertRuleRepository rules, AlertRepository alerts,
      ApplicationEventPublisher publisher, PlatformTransactionManager transactionManager) {
    return new Alerting(store, rules, alerts, publisher, new TransactionTemplate(transactionManager),
        Clock.systemUTC());
  }

  @Bean
  @ConditionalOnMissingBean
  AlertRules auditAlertRules(Alerting alerting) {
    return alerting.rules();
  }

  @Bean
  @ConditionalOnMissingBean
  Alerts auditAlerts(Alerting alerting) {
    return alerting.alerts();
  }

  @Bean
  @ConditionalOnMissingBean
  DeliveryLog auditDeliveryLog(DeliveryAttemptRepository deliveries) {
    return new JpaDeliveryLog(deliveries);
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  AlertEvaluator auditAlertEvaluator(Alerting alerting, AuditProperties audit,
      ObjectProvider<ScheduledWork> work, ObjectProvider<Sequencer> sequencer) {
    AlertsProperties properties = audit.getAlerts();
    Duration interval = properties.getEvaluateInterval();
    if (interval == null || interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("audit.alerts.evaluate-interval must be positive, but was: " + interval);
    }
    if (properties.getBatchSize() < 1) {
      throw new IllegalArgumentException("audit.alerts.batch-size must be at least 1, but was: "
          + properties.getBatchSize());
    }
    // Where this node does not seal, the rules on its sealing have no state to watch.
    Supplier<Sequencer.LogStatus> sealing = () -> {
      Sequencer node = sequencer.getIfAvailable();
      return node == null ? null : node.status();
    };
    return alerting.evaluator(properties.getBatchSize(), sealing).start(interval,
        work.getIfAvailable(ScheduledWork::new));
  }

  /** The rules and alerts API, open to the alert groups. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  @ConditionalOnClass(DispatcherServlet.class)
  @ConditionalOnBean(ProcessEngine.class)
  static class Web {

    @Bean
    @ConditionalOnMissingBean
    AlertController auditAlertController(AlertRules rules, Alerts alerts, ProcessEngine processEngine) {
      return new AlertController(rules, alerts, processEngine.getIdentityService());
    }

    /**
     * The rules, read and changed by the alert groups only: ordered before the alerts' path, whose prefix covers
     * them too, since the guard applies the first path that covers a request.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    @ConditionalOnMissingBean(name = "auditAlertRulesGuardedPath")
    GuardedPath auditAlertRulesGuardedPath(AuditProperties properties) {
      return GuardedPath.of(properties.getAlerts().getGroups(), "/api/alerts/rules", "/api/alerts/rules/*");
    }

    /** The alerts: acknowledged by the alert groups, read also by the auditor's reader groups. */
    @Bean
    @ConditionalOnMissingBean(name = "auditAlertsGuardedPath")
    GuardedPath auditAlertsGuardedPath(AuditProperties properties) {
      return GuardedPath.of(properties.getAlerts().getGroups(), "/api/alerts", "/api/alerts/*")
          .readableBy(properties.getApi().getReaderGroups());
    }
  }
}
