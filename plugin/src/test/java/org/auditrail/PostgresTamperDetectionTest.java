package org.auditrail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.auditrail.event.Actor;
import org.auditrail.event.AuditEvent;
import org.auditrail.event.EventContext;
import org.auditrail.event.EventIds;
import org.auditrail.event.EventJson;
import org.auditrail.event.EventType;
import org.auditrail.event.Outcome;
import org.auditrail.seal.Sequencer;
import org.auditrail.store.AuditStore;
import org.auditrail.store.EventStore;
import org.auditrail.testapp.AuditTestApplication;
import org.auditrail.verify.Checkpoint;
import org.auditrail.verify.NoteSigner;
import org.auditrail.verify.cli.AuditVerify;
import org.auditrail.verify.jdbc.JdbcLogSource;
import org.auditrail.verify.log.Finding;
import org.auditrail.verify.log.LogVerifier;
import org.auditrail.verify.log.Problem;
import org.auditrail.verify.log.VerificationReport;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Tampering done directly in PostgreSQL as a superuser who switches the append-only triggers off, each case inside
 * a transaction that is rolled back afterwards, on a log of more than 100,000 sealed events. Each must be found
 * with the right diagnosis; the untouched log must verify.
 */
@SpringBootTest(classes = AuditTestApplication.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresTamperDetectionTest {

  static final int SYNTHETIC_EVENTS = 100_000;
  static final Path ANCHORS = Path.of("target", "tamper-anchors-" + System.nanoTime());
  static String jdbcUrl;

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    jdbcUrl = EmbeddedPostgresServer.newDatabase();
    registry.add("spring.datasource.url", () -> jdbcUrl);
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "postgres");
    registry.add("audit.log.anchor-directory", ANCHORS::toString);
  }

  @Autowired DataSource dataSource;
  @Autowired AuditStore store;
  @Autowired Sequencer sequencer;
  @Autowired NoteSigner signer;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;

  String caseEvent;
  String caseTrace;
  long treeSize;

  @BeforeAll
  void buildALogOfMoreThanAHundredThousandEvents() throws Exception {
    writeSyntheticEvents();
    ProcessInstance instance = runtimeService.startProcessInstanceByKey("rollbackCase", "tamper-1",
        Map.of("fail", false));
    caseTrace = instance.getId();
    taskService.complete(taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult().getId());
    runtimeService.startProcessInstanceByKey("rollbackCase", "tamper-2", Map.of("fail", false));
    while (sequencer.sealOnce(true) > 0) {
      // Seal until nothing waits.
    }
    caseEvent = single("select event_id from audit_business_key_events('tamper-1')"
        + " where event_type = 'task_completed'");
    treeSize = Long.parseLong(single("select max(tree_size) from audit_checkpoint"));
  }

  @Test
  void anUntouchedLogVerifies() throws Exception {
    VerificationReport report = verifyWith();
    assertThat(report.findings()).isEmpty();
    assertThat(report.eventsChecked()).isGreaterThan(SYNTHETIC_EVENTS).isEqualTo(treeSize);
    assertThat(report.checkpointsChecked()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void aChangedFieldOfOneEventIsFoundAsModified() throws Exception {
    String payload = payloadOf(caseEvent);
    Finding first = verifyWith(replaceInCommand(caseEvent, payload,
        payload.replace("\"outcome\":\"success\"", "\"outcome\":\"escalated\""))).findings().get(0);
    assertThat(first.problem()).isEqualTo(Problem.MODIFIED);
    assertThat(first.eventId()).isEqualTo(caseEvent);
  }

  @Test
  void anEditedLookupColumnIsFoundAsAColumnMismatch() throws Exception {
    VerificationReport report = verifyWith("update audit_command set business_keys = array['mallory']::varchar[]"
        + " where command_id = '" + commandOf(caseEvent) + "'");
    assertThat(report.findings()).hasSize(1);
    Finding first = report.findings().get(0);
    assertThat(first.problem()).isEqualTo(Problem.COLUMN_MISMATCH);
    assertThat(first.eventId()).isEqualTo(commandOf(caseEvent));
    assertThat(first.detail()).isEqualTo("column business_keys of command row " + commandOf(caseEvent)
        + " holds '[mallory]' but its events say '[tamper-1]'");
  }

  @Test
  void anEventDeletedFromItsCommandRowIsFoundAsDeleted() throws Exception {
    String payload = payloadOf(caseEvent);
    VerificationReport report = verifyWith(replaceInCommand(caseEvent, payload + "\n", ""),
        replaceInCommand(caseEvent, "\n" + payload, ""));
    assertThat(report.findings()).filteredOn(finding -> finding.problem() == Problem.DELETED).singleElement()
        .satisfies(finding -> {
          assertThat(finding.eventId()).isEqualTo(caseEvent);
          assertThat(finding.detail()).isEqualTo("the sealed event is missing from the stored events");
        });
  }

  @Test
  void aDeletedCommandRowIsFoundAsDeletedEventByEvent() throws Exception {
    String command = commandOf(caseEvent);
    List<String> events = column("select event_id from audit_trail('" + caseTrace + "')"
        + " where command_id = '" + command + "' order by line_number");
    VerificationReport report = verifyWith("delete from audit_command where command_id = '" + command + "'");
    assertThat(report.findings()).filteredOn(finding -> finding.problem() == Problem.DELETED)
        .extracting(Finding::eventId).containsExactlyInAnyOrderElementsOf(events);
    // The case's summaries sealed after the command no longer match the events the log still holds.
    assertThat(report.findings()).filteredOn(finding -> finding.problem() != Problem.DELETED).isNotEmpty()
        .allSatisfy(finding -> {
          assertThat(finding.problem()).isEqualTo(Problem.INCOMPLETE);
          assertThat(finding.detail()).startsWith("the trace summary of case " + caseTrace);
        });
  }

  @Test
  void removingTheNewestEventsIsFoundAgainstTheAnchoredCheckpoint() throws Exception {
    long keep = Long.parseLong(single("select max(first_index) from audit_log_batch"));
    VerificationReport report = verifyWith(
        "delete from audit_command where command_id = any (select unnest(command_ids) from audit_log_batch"
            + " where first_index >= " + keep + ")",
        "delete from audit_log_batch where first_index >= " + keep,
        "delete from audit_checkpoint where tree_size > " + keep);
    Finding first = report.findings().get(0);
    assertThat(first.problem()).isEqualTo(Problem.TRUNCATED);
    assertThat(first.detail()).isEqualTo("anchored checkpoint " + anchorOf(treeSize) + " covers " + treeSize
        + " events, but the log holds only " + keep + ": its newest " + (treeSize - keep) + " events were removed");
  }

  @Test
  void aForgedEventInASealedCommandRowIsFoundAsInserted() throws Exception {
    String forged = EventIds.next();
    String payload = payloadOf(caseEvent);
    VerificationReport report = verifyWith(replaceInCommand(caseEvent, payload,
        payload + "\n" + payload.replace(caseEvent, forged)));
    assertThat(report.findings()).filteredOn(finding -> finding.problem() == Problem.INSERTED).singleElement()
        .satisfies(finding -> assertThat(finding.eventId()).isEqualTo(forged));
  }

  @Test
  void aForgedCommandRowIsFoundAsInserted() throws Exception {
    String forged = EventIds.next();
    Finding first = verifyWith("insert into audit_command (command_id, event_count, first_event_time,"
        + " last_event_time, trace_ids, business_keys, process_instance_ids, events) select '" + forged + "', 1,"
        + " first_event_time, first_event_time, trace_ids, business_keys, process_instance_ids, replace($f$"
        + payloadOf(caseEvent) + "$f$, '" + caseEvent + "', '" + forged + "') from audit_command where command_id = '"
        + commandOf(caseEvent) + "'").findings().get(0);
    assertThat(first.problem()).isEqualTo(Problem.INSERTED);
    assertThat(first.eventId()).isEqualTo(forged);
  }

  @Test
  void twoSwappedEventsOfACommandAreFoundAsReordered() throws Exception {
    String sibling = single("select event_id from audit_trail('" + caseTrace + "') where command_id = '"
        + commandOf(caseEvent) + "' and event_id <> '" + caseEvent + "' order by line_number fetch first 1 rows only");
    String one = payloadOf(caseEvent);
    String other = payloadOf(sibling);
    VerificationReport report = verifyWith(replaceInCommand(caseEvent, one, "\u0001"),
        replaceInCommand(caseEvent, other, one), replaceInCommand(caseEvent, "\u0001", other));
    assertThat(report.findings()).extracting(Finding::problem).contains(Problem.REORDERED);
    assertThat(report.findings().get(0).eventId()).isIn(caseEvent, sibling);
  }

  @Test
  void aCheckpointSignedByAnotherKeyIsFoundAsForged() throws Exception {
    NoteSigner intruder = NoteSigner.generate("auditrail", new SecureRandom());
    byte[] root = bytes("select root_hash from audit_checkpoint where tree_size = " + treeSize);
    String forgedNote = intruder.sign(new Checkpoint("auditrail.example/log", treeSize, root).body()).text();
    VerificationReport report = verifyWith("update audit_checkpoint set signed_note = '" + forgedNote
        + "' where tree_size = " + treeSize);
    Finding first = report.findings().get(0);
    assertThat(first.problem()).isEqualTo(Problem.CHECKPOINT_FORGED);
    assertThat(first.detail()).isEqualTo("checkpoint of size " + treeSize
        + " is not signed by any trusted key (signed as [auditrail])");
  }

  @Test
  void anAlteredBlobIsFound() throws Exception {
    String sha256 = single("select sha256 from audit_content fetch first 1 rows only");
    Finding first = verifyWith("update audit_content set content = decode('00', 'hex') where sha256 = '" + sha256
        + "'").findings().get(0);
    assertThat(first.problem()).isEqualTo(Problem.BLOB_ALTERED);
    assertThat(first.detail()).startsWith("content stored under " + sha256 + " now hashes to ");
  }

  @Test
  void theOfflineVerifierExitsZeroOnTheLogAndOneOnAForgedAnchor() throws Exception {
    Path key = Files.createTempFile("audit-public-key", ".txt");
    Files.writeString(key, signer.verifier().vkey() + "\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status = AuditVerify.run(new String[] {"--jdbc", jdbcUrl, "--user", "postgres", "--anchors", ANCHORS.toString(),
        "--public-key", key.toString()}, "postgres", new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
    assertThat(status).as(out.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("verified: " + treeSize + " events, ");

    Path forgedAnchors = Files.createTempDirectory("forged-anchors");
    NoteSigner intruder = NoteSigner.generate("auditrail", new SecureRandom());
    Files.writeString(forgedAnchors.resolve("checkpoint-forged.note"),
        intruder.sign(new Checkpoint("auditrail.example/log", 1, new byte[32]).body()).text());
    ByteArrayOutputStream tampered = new ByteArrayOutputStream();
    status = AuditVerify.run(new String[] {"--jdbc", jdbcUrl, "--user", "postgres", "--anchors",
        forgedAnchors.toString(), "--public-key", key.toString()}, "postgres",
        new PrintStream(tampered, true, StandardCharsets.UTF_8), System.err);
    assertThat(status).isEqualTo(1);
    assertThat(tampered.toString(StandardCharsets.UTF_8)).contains("checkpoint_forged: anchored checkpoint"
        + " checkpoint-forged.note is not signed by any trusted key");

    ByteArrayOutputStream usage = new ByteArrayOutputStream();
    assertThat(AuditVerify.run(new String[] {"--jdbc", jdbcUrl}, null, System.out,
        new PrintStream(usage, true, StandardCharsets.UTF_8))).isEqualTo(2);
    assertThat(usage.toString(StandardCharsets.UTF_8)).startsWith("missing option: --public-key");
  }

  @Test
  void theOfflineVerifierSaysWhatItCouldNotExcludeAndChecksTheOriginAndATrustedCheckpoint() throws Exception {
    Path key = Files.createTempFile("audit-public-key", ".txt");
    Files.writeString(key, signer.verifier().vkey() + "\n");
    String[] database = {"--jdbc", jdbcUrl, "--user", "postgres", "--public-key", key.toString()};

    ByteArrayOutputStream alone = new ByteArrayOutputStream();
    assertThat(AuditVerify.run(database, "postgres", new PrintStream(alone, true, StandardCharsets.UTF_8),
        System.err)).isZero();
    assertThat(alone.toString(StandardCharsets.UTF_8)).endsWith("  note: no anchored or trusted checkpoint was"
        + " given (--anchors, --trusted-checkpoint): a rollback of the database to an earlier, consistent state"
        + " cannot be excluded\n");

    Path latest = Files.createTempFile("trusted-checkpoint", ".note");
    Files.writeString(latest, single("select signed_note from audit_checkpoint where tree_size = " + treeSize));
    ByteArrayOutputStream trusted = new ByteArrayOutputStream();
    assertThat(AuditVerify.run(withOptions(database, "--trusted-checkpoint", latest.toString(), "--origin",
        "auditrail.example/log"), "postgres", new PrintStream(trusted, true, StandardCharsets.UTF_8), System.err))
        .as(trusted.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(trusted.toString(StandardCharsets.UTF_8)).doesNotContain("note:");

    ByteArrayOutputStream otherLog = new ByteArrayOutputStream();
    assertThat(AuditVerify.run(withOptions(database, "--origin", "other.example/log"), "postgres",
        new PrintStream(otherLog, true, StandardCharsets.UTF_8), System.err)).isEqualTo(1);
    assertThat(otherLog.toString(StandardCharsets.UTF_8)).contains("checkpoint_forged: checkpoint of size "
        + treeSize + " is of the log 'auditrail.example/log', not of 'other.example/log'");

    // A checkpoint the auditor kept from before a rollback covers more than the database now holds.
    Path ahead = Files.createTempFile("trusted-checkpoint", ".note");
    Files.writeString(ahead, signer.sign(new Checkpoint("auditrail.example/log", treeSize + 5, new byte[32])
        .body()).text());
    ByteArrayOutputStream rolledBack = new ByteArrayOutputStream();
    assertThat(AuditVerify.run(withOptions(database, "--trusted-checkpoint", ahead.toString()), "postgres",
        new PrintStream(rolledBack, true, StandardCharsets.UTF_8), System.err)).isEqualTo(1);
    assertThat(rolledBack.toString(StandardCharsets.UTF_8)).contains("truncated at log index " + treeSize
        + ": anchored checkpoint " + ahead.getFileName() + " covers " + (treeSize + 5) + " events, but the log"
        + " holds only " + treeSize + ": its newest 5 events were removed");
  }

  private static String[] withOptions(String[] options, String... more) {
    String[] all = java.util.Arrays.copyOf(options, options.length + more.length);
    System.arraycopy(more, 0, all, options.length, more.length);
    return all;
  }

  /** Applies the tampering in a transaction with the triggers off, verifies inside it, then rolls it back. */
  private VerificationReport verifyWith(String... tampering) throws Exception {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        if (tampering.length > 0) {
          for (String table : List.of("audit_command", "audit_log_batch", "audit_checkpoint", "audit_content")) {
            statement.execute("alter table " + table + " disable trigger user");
          }
          for (String sql : tampering) {
            statement.execute(sql);
          }
        }
        LogVerifier verifier = new LogVerifier(List.of(signer.verifier()));
        VerificationReport streamed = JdbcLogSource.verify(connection, ANCHORS, verifier);
        // The streamed and the in-memory reading of the same tampered log must report exactly alike.
        assertThat(verifier.verify(JdbcLogSource.read(connection, ANCHORS))).isEqualTo(streamed);
        return streamed;
      } finally {
        connection.rollback();
      }
    }
  }

  private static String anchorOf(long size) {
    return String.format("checkpoint-%020d.note", size);
  }

  private void writeSyntheticEvents() throws Exception {
    EventStore writer = store.events();
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      for (int batch = 0; batch < SYNTHETIC_EVENTS / 1000; batch++) {
        List<AuditEvent> events = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
          int n = batch * 1000 + i;
          if (n % 25 == 0 && !events.isEmpty()) {
            // One command row per synthetic case of 25 events, as an engine command would write it.
            writer.append(connection, events, List.of());
            events.clear();
          }
          events.add(new AuditEvent(EventIds.next(), "synthetic-case-" + (n / 25), null,
              Instant.parse("2026-01-12T09:00:00Z").plusMillis(n), Actor.user("analyst-" + (n % 7), null),
              EventType.VARIABLE_UPDATED,
              EventContext.builder().processInstanceId("synthetic-case-" + (n / 25)).businessKey("AML-" + (n / 25))
                  .variableInstanceId("var-" + n).build(), null,
              EventJson.mapper().createObjectNode().put("name", "riskScore").put("value", n % 100),
              EventJson.mapper().createObjectNode().put("name", "riskScore").put("value", (n + 1) % 100),
              null, Outcome.SUCCESS, null));
        }
        writer.append(connection, events, List.of());
        connection.commit();
      }
    }
  }

  /** A statement that replaces text in the command row of an event; dollar-quoted, as the JSON holds quotes. */
  private String replaceInCommand(String eventId, String from, String to) throws Exception {
    return "update audit_command set events = replace(events, $f$" + from + "$f$, $t$" + to + "$t$)"
        + " where command_id = '" + commandOf(eventId) + "'";
  }

  private String payloadOf(String eventId) throws Exception {
    return single("select payload from audit_trail('" + caseTrace + "') where event_id = '" + eventId + "'");
  }

  private String commandOf(String eventId) throws Exception {
    return single("select command_id from audit_trail('" + caseTrace + "') where event_id = '" + eventId
        + "'");
  }

  private List<String> column(String sql) throws Exception {
    List<String> values = new ArrayList<>();
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }

  private String single(String sql) throws Exception {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getString(1);
    }
  }

  private byte[] bytes(String sql) throws Exception {
    try (Connection connection = dataSource.getConnection(); PreparedStatement statement =
        connection.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
      rows.next();
      return rows.getBytes(1);
    }
  }
}
