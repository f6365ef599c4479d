package org.auditrail.autoconfigure;

import javax.sql.DataSource;
import org.auditrail.store.SchemaOwnerLogger;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/**
 * Migrates the audit tables as their owner the moment the engine's data source exists, before the engine or any
 * audit component uses it: whoever migrates first creates the tables, and the runtime role must never be first.
 */
final class SchemaOwnerMigration implements BeanPostProcessor, BeanFactoryAware, SmartInitializingSingleton {

  private final ObjectProvider<SchemaProperties> properties;
  private ConfigurableListableBeanFactory beans;
  private volatile boolean migrated;

  SchemaOwnerMigration(ObjectProvider<SchemaProperties> properties) {
    this.properties = properties;
  }

  @Override
  public void setBeanFactory(BeanFactory beanFactory) {
    this.beans = (ConfigurableListableBeanFactory) beanFactory;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (!migrated && bean instanceof DataSource dataSource && EngineDataSources.isEngineDataSource(beans, beanName)) {
      properties.getObject().toOwner().migrate(dataSource);
      migrated = true;
    }
    return bean;
  }

  /** A data source created before this post-processor was never migrated by the owner: refuse to run on it. */
  @Override
  public void afterSingletonsInstantiated() {
    if (!migrated) {
      throw SchemaOwnerLogger.engineDataSourceNotSeen();
    }
  }
}
