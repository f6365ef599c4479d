package org.auditrail.seal;

import javax.sql.DataSource;
import org.auditrail.EmbeddedPostgresServer;
import org.postgresql.ds.PGSimpleDataSource;

/** Trace summaries, on PostgreSQL. */
class PostgresTraceSummaryTest extends TraceSummaryContract {

  @Override
  DataSource newDatabase() {
    PGSimpleDataSource postgres = new PGSimpleDataSource();
    postgres.setURL(EmbeddedPostgresServer.newDatabase());
    postgres.setUser("postgres");
    postgres.setPassword("postgres");
    return postgres;
  }
}
