package org.auditrail.store;

import javax.sql.DataSource;
import org.auditrail.EmbeddedPostgresServer;
import org.postgresql.ds.PGSimpleDataSource;

/** The case search, on PostgreSQL. */
class PostgresCaseSearchTest extends CaseSearchContract {

  @Override
  DataSource newDatabase() {
    PGSimpleDataSource postgres = new PGSimpleDataSource();
    postgres.setURL(EmbeddedPostgresServer.newDatabase());
    postgres.setUser("postgres");
    postgres.setPassword("postgres");
    return postgres;
  }
}
