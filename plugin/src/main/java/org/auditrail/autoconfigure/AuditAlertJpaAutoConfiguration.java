package org.auditrail.autoconfigure;

import org.auditrail.alert.AlertRule;
import org.auditrail.store.AuditStore;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.data.jpa.JpaRepositoriesAutoConfiguration;
import org.springframework.boot.autoconfigure.orm.jpa.EntityManagerFactoryDependsOnPostProcessor;
import org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.jpa.repository.JpaRepository;

/**
 * Adds {@code org.auditrail.alert}, and only it, to the packages Spring Boot scans for entities and repositories,
 * next to the application's own: an {@code @EntityScan} here would replace the application's. Before Boot's JPA
 * configuration, which reads the packages; apart from the alerts' beans, which need the engine and so come after it.
 */
@AutoConfiguration(before = {HibernateJpaAutoConfiguration.class, JpaRepositoriesAutoConfiguration.class})
@ConditionalOnClass({JpaRepository.class, HibernateJpaAutoConfiguration.class})
@ConditionalOnProperty(prefix = "audit", name = {"enabled", "alerts.enabled"}, matchIfMissing = true)
@AutoConfigurationPackage(basePackageClasses = AlertRule.class)
public class AuditAlertJpaAutoConfiguration {

  /**
   * Hibernate validates the alert tables when the entity manager factory starts, which can be before anything
   * else opened the audit store: the store migrates the audit tables first (as the owner has, when there is one).
   */
  @Bean
  static EntityManagerFactoryDependsOnPostProcessor auditTablesBeforeEntityManagerFactory() {
    return new EntityManagerFactoryDependsOnPostProcessor(AuditStore.class);
  }
}
