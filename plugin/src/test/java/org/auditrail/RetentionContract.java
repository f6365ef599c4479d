package org.auditrail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
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
import org.auditrail.privacy.RetentionPolicy;
import org.auditrail.privacy.RetentionSweeper;
import org.auditrail.seal.LogVerification;
import org.auditrail.seal.Sequencer;
import org.auditrail.store.AuditStore;
import org.auditrail.store.ContentBlob;
import org.auditrail.trail.AuditTrail;
import org.auditrail.trail.CaseBundleExporter;
import org.auditrail.verify.bundle.BundleVerifier;
import org.auditrail.verify.bundle.CaseBundle;
import org.auditrail.verify.bundle.CaseBundleReader;
import org.auditrail.verify.log.VerificationReport;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Retention tiers: expired payloads leave the content store while every event, hash and proof stays valid, and the
 * verifier reports them as expired rather than tampered with; Camunda's history cleanup leaves the audit data alone;
 * a policy below its legal minimum is refused. Run on every database.
 */
@SpringBootTest(classes = org.auditrail.testapp.AuditTestApplication.class, properties = {
    "audit.privacy.retention.model_call=30d",
    "audit.privacy.retention-minimum.decision=2555d",
    "audit.privacy.retention-cron=0 0 0 1 1 *",
    // The events are written with the past dates they would have had, and sealed now: not a backdating here.
    "audit.log.verify-max-seal-delay=100d",
    "audit.log.verify-max-unsigned-age=100d"})
abstract class RetentionContract {

  @Autowired RetentionSweeper sweeper;
  @Autowired DataSource dataSource;
  @Autowired AuditStore store;
  @Autowired Sequencer sequencer;
  @Autowired LogVerification verification;
  @Autowired CaseBundleExporter bundles;
  @Autowired AuditTrail trail;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired HistoryService historyService;
  @Autowired ManagementService managementService;

  @Test
  void expiredPayloadsLeaveTheStoreWhileTheLogAndACaseBundleStillVerify() throws Exception {
    Instant now = Instant.now();
    ContentBlob prompt = ContentBlob.utf8("an old prompt " + now, "text/plain");
    ContentBlob shared = ContentBlob.utf8("a prompt a decision still needs " + now, "text/plain");
    ContentBlob recent = ContentBlob.utf8("a recent prompt " + now, "text/plain");
    String trace = "case-" + EventIds.next();
    List<AuditEvent> events = List.of(
        event(trace, EventType.MODEL_CALL, now.minus(Duration.ofDays(60)), prompt, shared),
        event(trace, EventType.DECISION, now.minus(Duration.ofDays(60)), shared),
        event(trace, EventType.MODEL_CALL, now.minus(Duration.ofDays(10)), recent));
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(true);
      store.events().append(connection, events, List.of(prompt, shared,
          recent));
    }
    sequencer.sealOnce(true);

    assertThat(sweeper.sweep(now)).containsExactly(prompt.sha256());
    assertThat(trail.content(prompt.sha256())).isEmpty();
    assertThat(trail.content(shared.sha256())).isPresent();
    assertThat(trail.content(recent.sha256())).isPresent();
    assertThat(sweeper.sweep(now)).isEmpty();

    sequencer.sealOnce(true);
    VerificationReport report = verification.run();
    assertThat(report.verified()).as(report.summary()).isTrue();
    assertThat(report.expiredPayloads()).extracting(payload -> payload.sha256()).contains(prompt.sha256());
    assertThat(report.summary()).contains("payloads expired per retention policy");

    Path zip = Files.write(Files.createTempFile("bundle", ".zip"), bundles.export(trace).orElseThrow().zip());
    CaseBundle read = CaseBundleReader.read(zip);
    assertThat(read.expiryEvents().values()).singleElement().satisfies(json -> assertThat(new String(json,
        StandardCharsets.UTF_8)).contains("\"event_type\":\"payload_expired\"", "\"sha256\":\"" + prompt.sha256()
        + "\"", "\"retention\":{\"model_call\":\"PT720H\"}"));
    assertThat(read.expiryProofs().keySet()).isEqualTo(read.expiryEvents().keySet());
    VerificationReport bundle = new BundleVerifier(verification.trustedKeys()).verify(read);
    assertThat(bundle.verified()).as(bundle.summary()).isTrue();
    assertThat(bundle.expiredPayloads()).singleElement().hasToString("payload " + prompt.sha256()
        + " expired per retention policy (model_call 30 days, " + bundle.expiredPayloads().get(0).expiredAt() + ")");
    assertThat(count("select count(*) from audit_event where event_type = 'payload_expired'")).isPositive();
  }

  @Test
  void camundasHistoryCleanupLeavesTheAuditTrailAlone() throws SQLException {
    repositoryService.createDeployment().addString("short.bpmn", """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="urn:auditrail:test">
          <bpmn:process id="shortLived" isExecutable="true" camunda:historyTimeToLive="P0D">
            <bpmn:startEvent id="start"/>
            <bpmn:sequenceFlow id="f" sourceRef="start" targetRef="end"/>
            <bpmn:endEvent id="end"/>
          </bpmn:process>
        </bpmn:definitions>
        """).deploy();
    String id = runtimeService.startProcessInstanceByKey("shortLived").getId();
    int recorded = RecordedTrail.of(trail, id).size();
    Job cleanup = historyService.cleanUpHistoryAsync(true);
    managementService.executeJob(cleanup.getId());
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(id).count()).isZero();
    assertThat(RecordedTrail.of(trail, id).size()).isEqualTo(recorded).isPositive();
  }

  @Test
  void aRetentionBelowItsLegalMinimumOrForAnUnknownEventTypeIsRefused() {
    assertThatThrownBy(() -> new RetentionPolicy(Map.of("decision", Duration.ofDays(30), "modle_call",
        Duration.ofDays(90)), Map.of("decision", Duration.ofDays(2555))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("AUDIT-064 the retention policy is refused, and nothing is deleted: 'modle_call' is not an event"
            + " type; the retention of decision (30 days) is shorter than the legal minimum of 2555 days configured"
            + " for it");
  }

  static AuditEvent event(String trace, EventType type, Instant at, ContentBlob... payloads) {
    var input = EventJson.mapper().createObjectNode();
    var refs = input.putArray("payloads");
    for (ContentBlob payload : payloads) {
      refs.add(payload.reference());
    }
    return new AuditEvent(EventIds.next(), trace, null, at, Actor.system("agent", null), type,
        EventContext.builder().processInstanceId(trace).build(), null, input, null, null, Outcome.SUCCESS, null);
  }

  long count(String sql) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query = connection.prepareStatement(sql); ResultSet row = query.executeQuery()) {
      row.next();
      return row.getLong(1);
    }
  }
}
