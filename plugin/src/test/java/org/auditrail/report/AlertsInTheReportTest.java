package org.auditrail.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.auditrail.alert.Alert;
import org.auditrail.alert.AlertEvaluator;
import org.auditrail.alert.AlertRules;
import org.auditrail.alert.Alerts;
import org.auditrail.alert.RuleDefinition;
import org.auditrail.event.Actor;
import org.auditrail.event.EventJson;
import org.auditrail.seal.Sequencer;
import org.auditrail.testapp.AuditTestApplication;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * On the real engine: the month's report lists the month's alerts from their sealed events, an alert raised and
 * acknowledged in the month with who acknowledged it and why; the month before does not list it. A context of its
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
    Alert raised = alerts.list(Optional.of(Alert.State.OPEN)).get(0);
    alerts.acknowledge(raised.id(), "carol", "planned suspension, ticket OPS-7");
    ReportMonth month = ReportMonth.current();
    catchUp();

    ArchivedReport report = reports.generate(month, Actor.user("carol", null), stage -> { });

    Alert acknowledged = alerts.find(raised.id()).orElseThrow();
    ReportFormat format = new ReportFormat();
    assertThat(rows(report)).containsExactly(List.of(format.time(acknowledged.raisedAt()), "Operator actions",
        "operator_action", "1 operator action in case " + caseId, caseId, format.time(acknowledged.acknowledgedAt())
            + " by carol: planned suspension, ticket OPS-7"));
    ComplianceReportTest.keepPageWith(report.pdf(), "operator_action", "report-alerts");
    // The month before holds no alert: this month's is not listed there.
    assertThat(rows(reports.generate(month.previous(), Actor.user("carol", null), stage -> { })))
        .containsExactly(List.of("No alert was raised this month."));
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
