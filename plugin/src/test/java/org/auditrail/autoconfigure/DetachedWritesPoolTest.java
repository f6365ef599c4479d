package org.auditrail.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.auditrail.capture.DetachedEventLog;
import org.auditrail.event.Actor;
import org.auditrail.event.AuditEvent;
import org.auditrail.event.EventContext;
import org.auditrail.event.EventIds;
import org.auditrail.event.EventJson;
import org.auditrail.event.EventType;
import org.auditrail.event.Outcome;
import org.auditrail.testapp.AuditTestApplication;
import org.auditrail.trail.AuditTrail;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** Events that commit on their own go through a small pool of their own, so an exhausted engine pool does not stop them. */
@SpringBootTest(classes = AuditTestApplication.class, properties = "audit.detached-writes.pool-size=2")
class DetachedWritesPoolTest {

  @Autowired DataSource dataSource;
  @Autowired DetachedWritesPool pool;
  @Autowired DetachedEventLog log;
  @Autowired AuditTrail trail;

  @Test
  void theDetachedWritesPoolCopiesTheEnginePoolWithItsOwnNameAndSize() {
    HikariDataSource engine = (HikariDataSource) dataSource;
    HikariDataSource detached = (HikariDataSource) pool.dataSource();

    assertThat(detached).isNotSameAs(engine);
    assertThat(detached.getPoolName()).isEqualTo("auditrail-detached-writes");
    assertThat(detached.getMaximumPoolSize()).isEqualTo(2);
    assertThat(detached.getConnectionTimeout()).isEqualTo(engine.getConnectionTimeout()).isEqualTo(2000);
    assertThat(detached.getJdbcUrl()).isEqualTo(engine.getJdbcUrl());
  }

  @Test
  void aDetachedWriteSucceedsWhileTheEnginePoolIsExhausted() throws Exception {
    HikariDataSource engine = (HikariDataSource) dataSource;
    AuditEvent event = new AuditEvent(EventIds.next(), "pool-trace", null, Instant.now(), Actor.user("petra", null),
        EventType.AUDIT_API_ACCESSED, EventContext.builder().build(), null,
        EventJson.mapper().createObjectNode().put("path", "/api/audit/events"), null, null, Outcome.SUCCESS, null);
    List<Connection> held = new ArrayList<>();
    try {
      for (int i = 0; i < engine.getMaximumPoolSize(); i++) {
        held.add(engine.getConnection());
      }
      assertThat(engine.getHikariPoolMXBean().getIdleConnections()).isZero();

      log.appendBeforeAction(event, List.of());
    } finally {
      for (Connection connection : held) {
        connection.close();
      }
    }

    assertThat(trail.trace("pool-trace").map(AuditTrail.Trace::events).orElseThrow())
        .singleElement().asString().contains("\"event_id\":\"" + event.eventId() + "\"");
  }
}
