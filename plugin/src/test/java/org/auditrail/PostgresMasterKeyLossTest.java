package org.auditrail;

import java.util.List;

/** A lost privacy master key on a real PostgreSQL server. */
class PostgresMasterKeyLossTest extends MasterKeyLossContract {

  @Override
  List<String> newDatabase() {
    return List.of("--spring.datasource.url=" + EmbeddedPostgresServer.newDatabase(),
        "--spring.datasource.username=postgres", "--spring.datasource.password=postgres");
  }
}
