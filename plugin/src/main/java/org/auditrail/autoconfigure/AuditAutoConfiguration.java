package org.auditrail.autoconfigure;

import javax.sql.DataSource;
import org.auditrail.capture.AuditPlugin;
import org.auditrail.capture.PersonalData;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** Registers the audit plugin with the Camunda Spring Boot starter's process engine. */
@AutoConfiguration
@ConditionalOnClass(ProcessEngineConfigurationImpl.class)
@ConditionalOnProperty(prefix = "audit", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties({AuditProperties.class, SchemaProperties.class})
public class AuditAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean(name = "auditPlugin")
  static ProcessEnginePlugin auditPlugin(AuditProperties properties, ObjectProvider<PersonalData> personalData) {
    return new AuditPlugin(properties.getCapture().toSettings())
        .usePersonalData(() -> personalData.getIfAvailable(() -> PersonalData.NONE));
  }

  /** With owner credentials, the audit tables are migrated as their owner before anything else uses the database. */
  @Bean
  @ConditionalOnProperty(prefix = "audit.schema", name = "username")
  @ConditionalOnMissingBean(name = "auditSchemaOwnerMigration")
  static BeanPostProcessor auditSchemaOwnerMigration(ObjectProvider<SchemaProperties> properties) {
    return new SchemaOwnerMigration(properties);
  }

  /** The engine's own data source: the audit tables live wherever the engine's tables do. */
  static DataSource engineDataSource(ProcessEngine processEngine) {
    return ((ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration()).getDataSource();
  }
}
