package org.auditrail.seal;

import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** The sequencer's trust in its head and queue, on H2. */
class H2SequencerTrustTest extends SequencerTrustContract {

  @Override
  DataSource newDatabase() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:sequencer-trust-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    return h2;
  }
}
