package org.auditrail.store;

import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** The case search, on H2. */
class H2CaseSearchTest extends CaseSearchContract {

  @Override
  DataSource newDatabase() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:case-search-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    return h2;
  }
}
