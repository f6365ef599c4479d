package org.auditrail.autoconfigure;

import javax.sql.DataSource;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/** The engine's database, as the components that write apart from the engine's transaction need it. */
final class EngineDataSources {

  private EngineDataSources() {}

  /**
   * The data source the engine uses, as Camunda's starter picks it, without Spring's transaction binding: events
   * that must commit on their own are written while the engine's transaction is still open.
   */
  static DataSource independent(ListableBeanFactory beans) {
    DataSource dataSource = beans.containsBean("camundaBpmDataSource")
        ? beans.getBean("camundaBpmDataSource", DataSource.class) : beans.getBean(DataSource.class);
    while (dataSource instanceof TransactionAwareDataSourceProxy proxy) {
      dataSource = proxy.getTargetDataSource();
    }
    return dataSource;
  }
}
