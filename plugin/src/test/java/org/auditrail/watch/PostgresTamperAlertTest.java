package org.auditrail.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.auditrail.watch.SuperuserSql.single;
import static org.auditrail.watch.SuperuserSql.withTriggersOff;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.auditrail.EmbeddedPostgresServer;
import org.auditrail.alert.Alert;
import org.auditrail.alert.AlertEvaluator;
import org.auditrail.alert.AlertRules;
import org.auditrail.alert.Alerts;
import org.auditrail.alert.RuleDefinition;
import org.auditrail.alert.delivery.LocalWebhookReceiver;
import org.auditrail.event.EventJson;
import org.auditrail.event.EventType;
import org.auditrail.seal.Sequencer;
import org.auditrail.store.AuditStore;
import org.auditrail.store.EventCriteria;
import org.auditrail.testapp.AuditTestApplication;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A sealed event changed in PostgreSQL by a superuser with the triggers off: continuous verification finds it
 * within one {@code audit.watch.verify-interval} of the next checkpoint, and a {@code verification_failed} rule
 * raises an alert that reaches its webhook, with the failed run as its event and no case. The watch and the rule
 * evaluation run on their own schedules; the test seals, as the sequencer would, so it knows what is sealed when.
 */
@SpringBootTest(classes = AuditTestApplication.class)
class PostgresTamperAlertTest {

  static final Duration INTERVAL = Duration.ofSeconds(1);
  static final LocalWebhookReceiver WEBHOOK = receiver();

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresServer.useNewDatabase(registry);
    registry.add("audit.watch.verify-interval", INTERVAL::toString);
    registry.add("audit.log.checkpoint-interval", () -> "1h");
    registry.add("audit.alerts.evaluate-interval", () -> "200ms");
  }

  @Autowired DataSource dataSource;
  @Autowired AuditStore store;
  @Autowired Sequencer sequencer;
  @Autowired AlertRules rules;
  @Autowired Alerts alerts;
  @Autowired AlertEvaluator evaluator;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;

  @AfterAll
  static void stopReceiver() {
    WEBHOOK.close();
  }

  @Test
  void aTamperedSealedEventRaisesAVerificationFailedAlertWithinOneIntervalAndItReachesTheWebhook()
      throws Exception {
    evaluator.evaluate();
    String rule = rules.create(RuleDefinition.parse(EventJson.mapper().readTree("{\"name\": \"Tampering\","
        + " \"condition\": \"verification_failed\", \"channels\": [{\"type\": \"webhook\", \"url\": \""
        + WEBHOOK.url() + "\"}]}")), "cora").id();
    checkpoint();

    // A clean case under a checkpoint: verified runs pass over it, and the rule raises nothing.
    runCase("clean-run");
    checkpoint();
    awaitVerifiedRunsOverTheLastCheckpoint();
    assertThat(WEBHOOK.requests()).isEmpty();
    assertThat(alerts.list(Optional.empty())).isEmpty();

    ProcessInstance instance = runCase("tamper-alert");
    seal();
    String tampered = single(dataSource, "select event_id from audit_business_key_events('tamper-alert')"
        + " where event_type = 'task_completed'");
    String payload = single(dataSource, "select payload from audit_trail('" + instance.getId() + "') where event_id = '"
        + tampered + "'");
    assertThat(single(dataSource, "select count(*) from audit_log_batch")).isNotEqualTo("0");

    // Sealed into the log but not yet under a checkpoint (checkpoint-interval 1h): the watch has not seen it.
    withTriggersOff(dataSource, "update audit_command set events = replace(events, $f$" + payload + "$f$, $t$"
        + payload.replace("\"outcome\":\"success\"", "\"outcome\":\"escalated\"") + "$t$) where command_id ="
        + " (select command_id from audit_trail('" + instance.getId() + "') where event_id = '" + tampered + "')");
    checkpoint();
    long checkpointedAt = System.nanoTime();

    List<LocalWebhookReceiver.Request> received = awaitWebhookWhileSealing(INTERVAL.plusSeconds(10));
    Duration raisedWithin = Duration.ofNanos(System.nanoTime() - checkpointedAt);

    assertThat(received).isNotEmpty();
    // One verification interval, then the run's own event is sealed and evaluated (200 ms each here).
    assertThat(raisedWithin).isLessThan(INTERVAL.plusSeconds(2));
    JsonNode failedRun = store.events().find(EventCriteria.ofTypes(EventType.VERIFICATION_COMPLETED)).stream()
        .filter(run -> run.path("output").path("result").asText().equals("failed")).findFirst().orElseThrow();
    assertThat(failedRun.path("output").path("problems").get(0).path("event_id").asText()).isEqualTo(tampered);

    LocalWebhookReceiver.Request first = deliveryOf(failedRun.path("event_id").asText());
    JsonNode body = EventJson.mapper().readTree(first.body());
    assertThat(first.contentType()).startsWith("application/json");
    assertThat(body.path("rule").toString()).isEqualTo("{\"id\":\"" + rule + "\",\"name\":\"Tampering\","
        + "\"condition\":\"verification_failed\"}");
    assertThat(body.path("summary").asText()).isEqualTo("1 failed verification");
    assertThat(body.path("case").isNull()).isTrue();
    assertThat(body.path("event_ids").toString()).isEqualTo("[\"" + failedRun.path("event_id").asText() + "\"]");

    Alert alert = alerts.list(Optional.of(Alert.State.OPEN)).stream()
        .filter(open -> open.id().equals(body.path("alert_id").asText())).findFirst().orElseThrow();
    assertThat(alert.ruleId()).isEqualTo(rule);
    assertThat(alert.traceId()).isNull();
    assertThat(alert.eventIds()).containsExactly(failedRun.path("event_id").asText());

    // The watch fails again at every run until someone acts: the same finding is one alert within the window.
    long failedRuns = runs("failed");
    long deadline = System.nanoTime() + INTERVAL.multipliedBy(5).toNanos();
    while (runs("failed") < failedRuns + 2 && System.nanoTime() < deadline) {
      seal();
      Thread.sleep(200);
    }
    assertThat(runs("failed")).isGreaterThanOrEqualTo(failedRuns + 2);
    seal();
    evaluator.evaluate();
    assertThat(WEBHOOK.requests()).hasSize(1);
    assertThat(alerts.list(Optional.empty())).hasSize(1);
  }

  private long runs(String result) throws Exception {
    return store.events().find(EventCriteria.ofTypes(EventType.VERIFICATION_COMPLETED)).stream()
        .filter(run -> run.path("output").path("result").asText().equals(result)).count();
  }

  /**
   * Seals, as the sequencer would, until two more runs have verified (the second began after the last checkpoint,
   * so it covered it), and evaluates the rules on them.
   */
  private void awaitVerifiedRunsOverTheLastCheckpoint() throws Exception {
    long verified = runs("verified");
    long deadline = System.nanoTime() + INTERVAL.multipliedBy(10).toNanos();
    while (runs("verified") < verified + 2) {
      assertThat(System.nanoTime()).as("two verified runs within 10 intervals").isLessThan(deadline);
      seal();
      Thread.sleep(200);
    }
    seal();
    evaluator.evaluate();
  }

  /** Seals every 200 ms, as the sequencer does in production, until the webhook received something. */
  private List<LocalWebhookReceiver.Request> awaitWebhookWhileSealing(Duration atMost) throws Exception {
    long deadline = System.nanoTime() + atMost.toNanos();
    while (WEBHOOK.requests().isEmpty() && System.nanoTime() < deadline) {
      seal();
      Thread.sleep(200);
    }
    return WEBHOOK.requests();
  }

  /** The webhook request about the given failed run, waiting for it at most five seconds. */
  private LocalWebhookReceiver.Request deliveryOf(String runEventId) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    do {
      for (LocalWebhookReceiver.Request request : WEBHOOK.requests()) {
        if (EventJson.mapper().readTree(request.body()).path("event_ids").path(0).asText().equals(runEventId)) {
          return request;
        }
      }
      Thread.sleep(100);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("no webhook request about the failed run " + runEventId);
  }

  /** Seals what waits; no checkpoint is due within the test (checkpoint-interval 1h). */
  private void seal() throws Exception {
    while (sequencer.sealOnce(false) > 0) {
      // Seal until nothing waits.
    }
  }

  /** Seals what waits and signs a checkpoint over it, which the watch then verifies. */
  private void checkpoint() throws Exception {
    seal();
    sequencer.sealOnce(true);
  }

  private ProcessInstance runCase(String businessKey) {
    ProcessInstance instance = runtimeService.startProcessInstanceByKey("rollbackCase", businessKey,
        Map.of("fail", false));
    taskService.complete(taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult().getId());
    return instance;
  }

  private static LocalWebhookReceiver receiver() {
    try {
      return new LocalWebhookReceiver();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
