package org.auditrail;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.auditrail.event.Actor;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Fail closed on a real PostgreSQL server, and the vault's subject creation under concurrent commands. */
class PostgresFailClosedTest extends FailClosedContract {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresServer.useNewDatabase(registry);
  }

  @Override
  void refuseInserts(Connection connection, String table, String text) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("create or replace function test_refuse_row() returns trigger language plpgsql as $$"
          + " begin if position(tg_argv[0] in row_to_json(new)::text) > 0 then"
          + " raise exception 'row refused for the test'; end if; return new; end $$");
      statement.execute("create trigger " + table + "_refused before insert on " + table
          + " for each row execute function test_refuse_row('" + text + "')");
    }
  }

  @Override
  void allowInserts(Connection connection, String table) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("drop trigger " + table + "_refused on " + table);
    }
  }

  @Test
  void concurrentCommandsThatMeetTheSameNewSubjectCreateItOnceAndEveryTokenResolves() throws Exception {
    String person = "Anna Concurrent";
    int threads = 8;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<ProcessInstance>> started = new ArrayList<>();
    try {
      for (int i = 0; i < threads; i++) {
        String businessKey = "concurrent-" + i;
        started.add(pool.submit(() -> {
          start.await();
          return runtimeService.startProcessInstanceByKey("onboarding", businessKey,
              Map.of("customerName", person));
        }));
      }
      start.countDown();
      List<String> tokens = new ArrayList<>();
      for (Future<ProcessInstance> instance : started) {
        tokens.add(tokenOf(instance.get()));
      }

      String subject = rights.lookup(person).path("subject_id").asText();
      assertThat(subjectRows(subject)).as("audit_privacy_subject rows of " + subject).isOne();
      assertThat(tokens).hasSize(threads).allSatisfy(token -> assertThat(
          rights.resolve(token, Actor.user("petra", null)).path("value").asText()).isEqualTo(person));
    } finally {
      pool.shutdownNow();
    }
  }

  private int subjectRows(String subjectId) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query = connection.prepareStatement(
            "select count(*) from audit_privacy_subject where subject_id = ?")) {
      query.setString(1, subjectId);
      try (ResultSet row = query.executeQuery()) {
        row.next();
        return row.getInt(1);
      }
    }
  }
}
