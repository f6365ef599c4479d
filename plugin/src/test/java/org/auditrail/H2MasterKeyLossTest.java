package org.auditrail;

import java.util.List;
import java.util.UUID;

/** A lost privacy master key on the embedded default database. */
class H2MasterKeyLossTest extends MasterKeyLossContract {

  @Override
  List<String> newDatabase() {
    return List.of("--spring.datasource.url=jdbc:h2:mem:master-key-loss-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
  }
}
