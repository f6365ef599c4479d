package org.auditrail.autoconfigure;

import org.auditrail.capture.AuditPlugin;
import org.auditrail.capture.DetachedEventLog;
import org.auditrail.capture.PersonalData;
import org.auditrail.store.AuditStore;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;

/** Registers the audit plugin with the Camunda Spring Boot starter's process engine. */
@AutoConfiguration
@ConditionalOnClass(ProcessEngineConfigurationImpl.class)
@ConditionalOnProperty(prefix = "audit", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties({AuditProperties.class, SchemaProperties.class, DetachedWritesProperties.class})
public class AuditAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean(name = "auditPlugin")
  static ProcessEnginePlugin auditPlugin(AuditProperties properties, ObjectProvider<PersonalData> personalData,
      ObjectProvider<AuditStore> store) {
    return new AuditPlugin(properties.getCapture().toSettings())
        .usePersonalData(() -> personalData.getIfAvailable(() -> PersonalData.NONE))
        .useStore(store::getObject);
  }

  /**
   * The audit tables, migrated once per start and opened on the engine's database, for every part of the plugin.
   * With owner credentials, the owner has migrated them by then (see {@link SchemaOwnerMigration}): this only checks.
   * Opened when first asked for, at the latest when the engine starts, so that an application without a database
   * fails where it uses one.
   */
  @Bean
  @Lazy
  @ConditionalOnMissingBean
  static AuditStore auditStore(ListableBeanFactory beans, DetachedWritesPool detachedWrites) {
    return AuditStore.open(EngineDataSources.independent(beans), detachedWrites.dataSource());
  }

  /** The connections of the events that commit on their own, apart from the engine's pool; closed on shutdown. */
  @Bean
  @Lazy
  @ConditionalOnMissingBean
  static DetachedWritesPool auditDetachedWritesPool(ListableBeanFactory beans,
      DetachedWritesProperties properties) {
    return DetachedWritesPool.of(EngineDataSources.independent(beans), properties);
  }

  /** Where events that must outlive the engine's transaction are committed, for every part of the plugin. */
  @Bean
  @Lazy
  @ConditionalOnMissingBean
  static DetachedEventLog auditDetachedEventLog(AuditStore store, ObjectProvider<PersonalData> personalData) {
    return new DetachedEventLog(store.events(), () -> personalData.getIfAvailable(() -> PersonalData.NONE));
  }

  /** With owner credentials, the audit tables are migrated as their owner before anything else uses the database. */
  @Bean
  @ConditionalOnProperty(prefix = "audit.schema", name = "username")
  @ConditionalOnMissingBean(name = "auditSchemaOwnerMigration")
  static BeanPostProcessor auditSchemaOwnerMigration(ObjectProvider<SchemaProperties> properties) {
    return new SchemaOwnerMigration(properties);
  }
}
