package org.auditrail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.auditrail.autoconfigure.AuditProperties;
import org.auditrail.event.Actor;
import org.auditrail.report.ArchivedReport;
import org.auditrail.report.ComplianceReports;
import org.auditrail.report.ReportMonth;
import org.auditrail.seal.LogVerification;
import org.auditrail.seal.Sequencer;
import org.auditrail.store.SchemaOwner;
import org.auditrail.testapp.AuditTestApplication;
import org.auditrail.trail.AuditTrail;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole engine runs as a runtime role that the audit tables' owner granted only what the grant file lists: it
 * cannot change, delete, truncate or alter the audit tables, nor disable or drop their triggers, while sealing and
 * the compliance report still work (privacy and retention: {@link PostgresRuntimeRolePrivacyTest},
 * {@link PostgresRuntimeRoleRetentionTest}).
 */
@SpringBootTest(classes = AuditTestApplication.class)
class PostgresRuntimeRoleTest {

  /** Every table of the plugin, with a column to write in an UPDATE. */
  static final Map<String, String> AUDIT_TABLES = new LinkedHashMap<>();

  static {
    AUDIT_TABLES.put("audit_command", "events");
    AUDIT_TABLES.put("audit_content", "media_type");
    AUDIT_TABLES.put("audit_content_expiry", "policy");
    AUDIT_TABLES.put("audit_log_batch", "entries");
    AUDIT_TABLES.put("audit_checkpoint", "signed_note");
    AUDIT_TABLES.put("audit_checkpoint_timestamp", "token");
    AUDIT_TABLES.put("audit_prompt_version", "content_sha256");
    AUDIT_TABLES.put("audit_tool_execution", "result_sha256");
    AUDIT_TABLES.put("audit_ai_task_configuration", "snapshot_sha256");
    AUDIT_TABLES.put("audit_unsealed", "entries");
    AUDIT_TABLES.put("audit_unsealed_quarantine", "reason");
    AUDIT_TABLES.put("audit_log_head", "tree_size");
    AUDIT_TABLES.put("audit_trace_head", "event_count");
    AUDIT_TABLES.put("audit_siem_position", "sink");
    AUDIT_TABLES.put("audit_privacy_subject", "wrapped_key");
    AUDIT_TABLES.put("audit_privacy_token", "ciphertext");
    AUDIT_TABLES.put("audit_privacy_key", "key_check");
    AUDIT_TABLES.put("audit_schema_history", "checksum");
    AUDIT_TABLES.put("audit_verified_checkpoint", "kind");
    AUDIT_TABLES.put("audit_alert_rule", "name");
    AUDIT_TABLES.put("audit_alert", "rule_id");
    AUDIT_TABLES.put("audit_alert_delivery", "result");
  }

  /** The tables whose rows nobody may change or delete: every audit table but the queue, head and vault. */
  static final List<String> APPEND_ONLY = List.of("audit_command", "audit_content_expiry", "audit_log_batch",
      "audit_checkpoint", "audit_checkpoint_timestamp", "audit_prompt_version", "audit_tool_execution",
      "audit_ai_task_configuration", "audit_unsealed_quarantine", "audit_verified_checkpoint",
      "audit_alert_delivery");

  static DatabaseRoles.Database database;

  @Autowired DataSource dataSource;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired Sequencer sequencer;
  @Autowired LogVerification verification;
  @Autowired AuditProperties properties;
  @Autowired ComplianceReports reports;
  @Autowired AuditTrail trail;
  @Autowired org.auditrail.store.AuditStore store;

  @DynamicPropertySource
  static void runtimeRole(DynamicPropertyRegistry registry) {
    database = DatabaseRoles.useRuntimeRole(registry);
  }

  @BeforeEach
  void recordACase() throws SQLException {
    ProcessInstance instance = runtimeService.startProcessInstanceByKey("rollbackCase", "runtime-role",
        Map.of("fail", false));
    taskService.complete(taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult().getId());
    while (sequencer.sealOnce(true) > 0) {
      // Seal until nothing waits, so that the log tables have rows.
    }
  }

  @Test
  void theEngineRunsAsTheRuntimeRoleWhileTheOwnerOwnsEveryAuditTable() throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      assertThat(DatabaseRoles.currentUser(connection)).isEqualTo(database.runtime());
      assertThat(rows(connection, "select tablename || ' ' || tableowner from pg_tables where schemaname = 'public'"
          + " and tablename like 'audit\\_%' order by tablename")).containsExactlyElementsOf(
          AUDIT_TABLES.keySet().stream().sorted().map(table -> table + " " + database.owner()).toList());
      assertThat(rows(connection, "select distinct tableowner from pg_tables where schemaname = 'public'"
          + " and tablename like 'act\\_%'")).containsExactly(database.runtime());
    }
  }

  @Test
  void theRuntimeRoleCannotUpdateDeleteOrTruncateAnAuditTable() throws SQLException {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      Map<String, String> before = fingerprints(connection);
      for (Map.Entry<String, String> table : AUDIT_TABLES.entrySet()) {
        String name = table.getKey();
        assertPermissionDenied(statement, "truncate " + name, name);
        // Compliance edits alert rules at run time: the one audit table whose rows the application changes freely.
        if (!List.of("audit_log_head", "audit_trace_head", "audit_alert_rule").contains(name)
            && !name.startsWith("audit_privacy_")) {
          assertPermissionDenied(statement, "update " + name + " set " + table.getValue() + " = "
              + table.getValue(), name);
        }
      }
      for (String name : APPEND_ONLY) {
        assertPermissionDenied(statement, "delete from " + name, name);
      }
      // The events' view is for reading only: no rule or trigger makes it writable.
      Map<String, String> viewWrites = Map.of("update audit_event set actor_id = 'mallory'", "update",
          "delete from audit_event", "delete from", "insert into audit_event (event_id) values ('mallory')",
          "insert into");
      viewWrites.forEach((sql, verb) -> assertThatThrownBy(() -> statement.execute(sql)).as(sql)
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("55000"))
          .hasMessageStartingWith("ERROR: cannot " + verb + " view \"audit_event\""));
      // The head, the vault and the content store allow the least their writers need, and no more.
      assertPermissionDenied(statement, "update audit_log_head set id = 2", "audit_log_head");
      assertPermissionDenied(statement, "delete from audit_log_head", "audit_log_head");
      assertPermissionDenied(statement, "delete from audit_trace_head", "audit_trace_head");
      assertPermissionDenied(statement, "delete from audit_siem_position", "audit_siem_position");
      assertPermissionDenied(statement, "update audit_privacy_subject set subject_id = 'mallory'",
          "audit_privacy_subject");
      assertPermissionDenied(statement, "delete from audit_privacy_subject", "audit_privacy_subject");
      assertPermissionDenied(statement, "update audit_privacy_token set token = 'mallory'", "audit_privacy_token");
      assertPermissionDenied(statement, "delete from audit_privacy_token", "audit_privacy_token");
      assertPermissionDenied(statement, "update audit_privacy_key set key_slot = 'mallory'", "audit_privacy_key");
      assertPermissionDenied(statement, "delete from audit_privacy_key", "audit_privacy_key");
      assertThatThrownBy(() -> statement.execute("delete from audit_content"))
          .hasMessageContaining("audit table audit_content is append-only: DELETE is not allowed");
      assertThat(fingerprints(connection)).isEqualTo(before);
    }
  }

  @Test
  void theRuntimeRoleKeepsTheSiemPositionsButCannotRenameOrDeleteThem() throws SQLException {
    java.time.Instant now = java.time.Instant.now();
    assertThat(store.sinkPositions().advance("runtime-role-sink", 0, 3, now)).isTrue();
    assertThat(store.sinkPositions().advance("runtime-role-sink", 3, 5, now)).isTrue();
    assertThat(store.sinkPositions().advance("runtime-role-sink", 3, 9, now)).isFalse();
    assertThat(store.sinkPositions().next("runtime-role-sink")).isEqualTo(5);
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      assertPermissionDenied(statement, "update audit_siem_position set sink = 'mallory'", "audit_siem_position");
      assertPermissionDenied(statement, "delete from audit_siem_position", "audit_siem_position");
    }
  }

  @Test
  void theRuntimeRoleCannotAlterAnAuditTableNorDisableOrDropItsTriggers() throws SQLException {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      String triggers = "select string_agg(tgrelid::regclass || '.' || tgname || '=' || tgenabled, ','"
          + " order by tgname) from pg_trigger where not tgisinternal";
      String enabled = rows(connection, triggers).get(0);
      assertThat(enabled).contains("audit_command.audit_command_append_only=A",
          "audit_command.audit_command_no_truncate=A", "audit_log_batch.audit_log_batch_append_only=A",
          "audit_content.audit_content_append_only=A");
      for (String table : AUDIT_TABLES.keySet()) {
        assertNotOwner(statement, "alter table " + table + " add column mallory text", "table " + table);
        assertNotOwner(statement, "alter table " + table + " disable trigger all", "table " + table);
        assertNotOwner(statement, "alter table " + table + " owner to " + database.runtime(), "table " + table);
        assertNotOwner(statement, "drop table " + table, "table " + table);
      }
      assertNotOwner(statement, "alter table audit_command disable trigger audit_command_append_only",
          "table audit_command");
      assertNotOwner(statement, "drop trigger audit_command_append_only on audit_command", "relation audit_command");
      assertNotOwner(statement, "create or replace view audit_event as select 1 as event_id", "view audit_event");
      assertNotOwner(statement, "drop view audit_event", "view audit_event");
      assertNotOwner(statement, "create or replace function audit_reject_change() returns trigger"
          + " language plpgsql as $$ begin return old; end; $$", "function audit_reject_change");
      assertThatThrownBy(() -> statement.execute("set session_replication_role = replica"))
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"))
          .hasMessageContaining("permission denied to set parameter \"session_replication_role\"");
      assertThat(rows(connection, triggers).get(0)).isEqualTo(enabled);
    }
  }

  @Test
  void neitherATemporaryTableNorAnOperatorCanStandInForAnExpiryToDeleteContent() throws SQLException {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      String sha256 = rows(connection, "select min(sha256) from audit_content").get(0);
      connection.setAutoCommit(false);
      statement.execute("create temporary table audit_content_expiry (sha256 varchar(64))");
      statement.execute("insert into audit_content_expiry values ('" + sha256 + "')");
      statement.execute("create function public.always_equal(varchar, varchar) returns boolean language sql"
          + " as 'select true'");
      statement.execute("create operator public.= (leftarg = varchar, rightarg = varchar,"
          + " function = public.always_equal)");
      assertThatThrownBy(() -> statement.execute("delete from audit_content where sha256 = '" + sha256 + "'"))
          .hasMessageContaining("audit table audit_content is append-only: DELETE is not allowed");
      connection.rollback();
      connection.setAutoCommit(true);
      assertThat(rows(connection, "select count(*) from audit_content where sha256 = '" + sha256 + "'"))
          .containsExactly("1");
    }
  }

  @Test
  void sealingSignsACheckpointThatTheVerifierAcceptsOverTheWholeLog() throws Exception {
    try (Connection connection = dataSource.getConnection()) {
      long events = WholeLog.assertSealedExactlyOnce(connection);
      assertThat(WholeLog.count(connection, "select max(tree_size) from audit_checkpoint")).isEqualTo(events);
      assertThat(WholeLog.count(connection, "select count(*) from audit_unsealed")).isZero();
      WholeLog.assertVerifies(connection, properties.getLog().getAnchorDirectory(), events,
          verification.trustedKeys().toArray(new org.auditrail.verify.NoteVerifier[0]));
    }
  }

  @Test
  void aMonthlyReportIsGeneratedArchivedAndAttestsTheVerifiedLog() throws Exception {
    ReportMonth month = ReportMonth.current();
    ArchivedReport report = reports.generate(month, Actor.user("carol", null), stage -> { });
    assertThat(reports.archived(month).orElseThrow().pdfSha256()).isEqualTo(report.pdfSha256());
    var archived = RecordedTrail.of(trail, month.traceId()).single("report_generated");
    assertThat(archived.path("actor").path("id").asText()).isEqualTo("carol");
    assertThat(archived.path("output").path("log_verified").asBoolean()).isTrue();
    assertThat(archived.path("output").path("cases_started").asLong()).isPositive();
  }

  @Test
  void theStorageDocsListExactlyTheGrantsTheOwnerApplies() throws IOException {
    String grants = new String(Objects.requireNonNull(SchemaOwner.class.getClassLoader()
        .getResourceAsStream(SchemaOwner.GRANTS_RESOURCE)).readAllBytes(), StandardCharsets.UTF_8);
    String storage = Files.readString(Path.of("..", "docs", "storage.md"));
    String section = storage.substring(storage.indexOf("## Database roles"));
    String block = section.substring(section.indexOf("```sql\n") + "```sql\n".length(), section.indexOf("```\n",
        section.indexOf("```sql\n") + 1));
    assertThat(block).isEqualTo(grants);
  }

  private static void assertPermissionDenied(Statement statement, String sql, String table) {
    assertThatThrownBy(() -> statement.execute(sql)).as(sql)
        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"))
        .hasMessage("ERROR: permission denied for table " + table);
  }

  private static void assertNotOwner(Statement statement, String sql, String object) {
    assertThatThrownBy(() -> statement.execute(sql)).as(sql)
        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"))
        .hasMessage("ERROR: must be owner of " + object);
  }

  /** Each audit table's row count and a digest of its rows. */
  private static Map<String, String> fingerprints(Connection connection) throws SQLException {
    Map<String, String> fingerprints = new LinkedHashMap<>();
    for (String table : AUDIT_TABLES.keySet()) {
      fingerprints.put(table, rows(connection, "select count(*) || ' ' || coalesce(md5(string_agg(t::text, ','"
          + " order by t::text)), '') from " + table + " t").get(0));
    }
    return fingerprints;
  }

  private static List<String> rows(Connection connection, String sql) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(sql); ResultSet rows = query.executeQuery()) {
      List<String> values = new java.util.ArrayList<>();
      while (rows.next()) {
        values.add(rows.getString(1));
      }
      return values;
    }
  }
}
