package org.auditrail.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.auditrail.alert.Alert;
import org.auditrail.alert.AlertEvaluator;
import org.auditrail.alert.AlertRules;
import org.auditrail.alert.Alerts;
import org.auditrail.alert.RuleDefinition;
import org.auditrail.event.Actor;
import org.auditrail.event.AuditEvent;
import org.auditrail.event.EventContext;
import org.auditrail.event.EventIds;
import org.auditrail.event.EventJson;
import org.auditrail.event.EventType;
import org.auditrail.event.Outcome;
import org.auditrail.seal.Sequencer;
import org.auditrail.store.AuditStore;
import org.auditrail.testapp.AuditTestApplication;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * On the real engine: the month's report lists the month's alerts from their sealed events, an alert raised and
 * acknowledged in the month with who acknowledged it and why, and not one raised in another month. A context of its
 * own, so that the month holds only what this test did.
 */
@SpringBootTest(classes = AuditTestApplication.class, properties = {"spring.application.name=alerts-report",
    "audit.alerts.evaluate-interval=1h"})
class AlertsInTheReportTest {

  private static final Pattern ALERTS = Pattern.compile("<table id=\"alerts\"[^>]*>(.*?)</table>", Pattern.DOTALL);
  private static final Pattern ROW = Pattern.compile("<tr>\\s*((?:<td[^>]*>[^<]*</td>\\s*)+)</tr>");
  private static final Pattern CELL = Pattern.compile("<td[^>]*>([^<]*)</td>");

  @Autowired ComplianceReports reports;
  @Autowired Sequencer sequencer;
  @Autowired RuntimeService runtimeService;
  @Autowired IdentityService identityService;
  @Autowired AlertRules rules;
  @Autowired Alerts alerts;
  @Autowired AlertEvaluator evaluator;
  @Autowired AuditStore store;

  @Test
  void aMonthWithoutAlertsSaysSo() {
    ArchivedReport report = reports.generate(ReportMonth.parse("2020-01"), Actor.user("carol", null), stage -> { });

    assertThat(rows(report)).containsExactly(List.of("No alert was raised this month."));
  }

  @Test
  void theMonthsAlertsAreListedFromTheSealedLogWithTheirAcknowledgement() throws Exception {
    catchUp();
    rules.create(RuleDefinition.parse(EventJson.mapper().readTree(
        "{\"name\": \"Operator actions\", \"condition\": \"operator_action\"}")), "carol");
    String caseId = runtimeService.startProcessInstanceByKey("rollbackCase", "alerts-report", Map.of("fail", false))
        .getId();
    identityService.setAuthenticatedUserId("ops");
    try {
      runtimeService.suspendProcessInstanceById(caseId);
    } finally {
      identityService.clearAuthentication();
    }
    catchUp();
    Alert raised = alerts.list(java.util.Optional.of(Alert.State.OPEN)).get(0);
    alerts.acknowledge(raised.id(), "carol", "planned suspension, ticket OPS-7");
    ReportMonth month = ReportMonth.current();
    raisedLastMonth(month.from().minusSeconds(3600));
    catchUp();

    ArchivedReport report = reports.generate(month, Actor.user("carol", null), stage -> { });

    Alert acknowledged = alerts.find(raised.id()).orElseThrow();
    ReportFormat format = new ReportFormat();
    assertThat(rows(report)).containsExactly(List.of(format.time(acknowledged.raisedAt()), "Operator actions",
        "operator_action", "1 operator action in case " + caseId, caseId, format.time(acknowledged.acknowledgedAt())
            + " by carol: planned suspension, ticket OPS-7"));
  }

  /** An alert of the month before, written as the alerting writes it. */
  private void raisedLastMonth(Instant at) throws Exception {
    ObjectNode output = EventJson.mapper().createObjectNode().put("alert_id", "alert-last-month")
        .put("rule_id", "rule-old").put("rule_name", "Old rule").put("condition", "model_errors")
        .put("summary", "3 model errors within PT1H").putNull("case");
    output.putArray("event_ids").add("ev-old");
    store.events().appendDetached(List.of(new AuditEvent(EventIds.next(), "alerts-" + at.toString().substring(0, 10),
        null, at, Actor.system("audit-alerts", null), EventType.ALERT_RAISED, EventContext.builder().build(), null,
        null, output, null, Outcome.SUCCESS, null)), List.of());
  }

  private static List<List<String>> rows(ArchivedReport report) {
    Matcher table = ALERTS.matcher(new String(report.html(), StandardCharsets.UTF_8));
    assertThat(table.find()).isTrue();
    return ROW.matcher(table.group(1)).results()
        .map(row -> CELL.matcher(row.group(1)).results().map(cell -> cell.group(1).strip()).toList()).toList();
  }

  private void catchUp() throws Exception {
    while (sequencer.sealOnce(true) > 0) {
      // Seal until nothing waits.
    }
    evaluator.evaluate();
  }
}
