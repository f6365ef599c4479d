package org.auditrail.autoconfigure;

import javax.sql.DataSource;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/** The engine's database, as the components that write apart from the engine's transaction need it. */
final class EngineDataSources {

  /** The data source Camunda's starter prefers over the application's own. */
  private static final String ENGINE_DATA_SOURCE = "camundaBpmDataSource";

  private EngineDataSources() {}

  /**
   * The data source the engine uses, as Camunda's starter picks it, without Spring's transaction binding: events
   * that must commit on their own are written while the engine's transaction is still open.
   */
  static DataSource independent(ListableBeanFactory beans) {
    DataSource dataSource = beans.containsBean(ENGINE_DATA_SOURCE)
        ? beans.getBean(ENGINE_DATA_SOURCE, DataSource.class) : beans.getBean(DataSource.class);
    while (dataSource instanceof TransactionAwareDataSourceProxy proxy) {
      dataSource = proxy.getTargetDataSource();
    }
    return dataSource;
  }

  /** Whether the data source bean of this name is the one the engine uses, told before the engine exists. */
  static boolean isEngineDataSource(ConfigurableListableBeanFactory beans, String beanName) {
    if (beans.containsBean(ENGINE_DATA_SOURCE)) {
      return ENGINE_DATA_SOURCE.equals(beanName);
    }
    String[] dataSources = beans.getBeanNamesForType(DataSource.class, true, false);
    if (dataSources.length == 1) {
      return dataSources[0].equals(beanName);
    }
    return beans.containsBeanDefinition(beanName) && beans.getBeanDefinition(beanName).isPrimary();
  }
}
