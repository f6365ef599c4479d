package org.auditrail.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.auditrail.alert.Alert;
import org.auditrail.alert.Alerts;
import org.auditrail.event.Actor;
import org.auditrail.event.EventJson;
import org.auditrail.report.ArchivedReport;
import org.auditrail.report.ComplianceReports;
import org.auditrail.report.ReportJobs;
import org.auditrail.report.ReportMonth;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The compliance group's reports: a page that lists the months with their HTML and PDF and generates a month in the
 * background with a visible progress state (the page asks with a same-origin JSON request, as every state-changing
 * call must, see {@link ApiGuard}), and {@code /api/reports/compliance/{yyyy-MM}.pdf|.html} for scripts.
 * A download serves the month's archived report, generating and archiving it first if there is none. Above the
 * reports, the page lists the open alerts to those who may read them.
 */
@Controller
@ProblemResponses
public class ComplianceReportController {

  static final int MONTHS_LISTED = 12;

  private final ComplianceReports reports;
  private final ReportJobs jobs;
  private final IdentityService identityService;
  private final TemplateEngine pages = WebPages.templates();
  private final Alerts alerts;
  private final List<String> alertReaders;

  public ComplianceReportController(ComplianceReports reports, ReportJobs jobs, IdentityService identityService) {
    this(reports, jobs, identityService, null, List.of());
  }

  /**
   * @param alerts the alerts, whose open ones the page lists above the reports; {@code null} when alerting is off
   * @param alertReaders the groups that may read alerts through {@code GET /api/alerts}: the page shows them to
   *     these only, so that it opens no second way to them
   */
  public ComplianceReportController(ComplianceReports reports, ReportJobs jobs, IdentityService identityService,
      Alerts alerts, List<String> alertReaders) {
    this.reports = reports;
    this.jobs = jobs;
    this.identityService = identityService;
    this.alerts = alerts;
    this.alertReaders = List.copyOf(alertReaders);
  }

  /** One row of the page. */
  public record MonthRow(ReportMonth month, String archived, ReportJobs.Progress progress) {}

  @GetMapping(path = "/reports/compliance", produces = MediaType.TEXT_HTML_VALUE)
  @ResponseBody
  public String page() {
    Map<ReportMonth, String> archived = reports.archivedMonths();
    List<MonthRow> rows = new ArrayList<>();
    ReportMonth month = ReportMonth.current();
    for (int i = 0; i < MONTHS_LISTED; i++, month = month.previous()) {
      rows.add(new MonthRow(month, archived.get(month), jobs.progressOf(month).orElse(null)));
    }
    Context context = new Context(Locale.ENGLISH);
    context.setVariable("rows", rows);
    context.setVariable("user", currentUser());
    boolean alertsShown = alerts != null && GuardedUser.inAnyOf(identityService, alertReaders);
    context.setVariable("alertsShown", alertsShown);
    context.setVariable("openAlerts", alertsShown ? alerts.list(Optional.of(Alert.State.OPEN)) : List.of());
    context.setVariable("refresh", rows.stream().anyMatch(row -> row.progress() != null && row.progress().running()));
    return pages.process("compliance-reports", context);
  }

  /** Answers 202 with the month's progress; the page then shows it. */
  @PostMapping(path = "/reports/compliance/{month}/generate", produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  public ResponseEntity<String> generate(@PathVariable String month) {
    ReportJobs.Progress progress = jobs.submit(pastOrCurrent(month), Actor.user(currentUser(), null));
    return ResponseEntity.status(HttpStatus.ACCEPTED).contentType(MediaType.APPLICATION_JSON)
        .header(HttpHeaders.LOCATION, "/reports/compliance")
        .body(EventJson.mapper().createObjectNode().put("month", progress.month().id())
            .put("state", progress.state()).toString());
  }

  @GetMapping("/api/reports/compliance/{month}.pdf")
  public ResponseEntity<byte[]> pdf(@PathVariable String month) {
    ArchivedReport report = archivedOrNew(pastOrCurrent(month));
    return download(report, report.pdf(), report.pdfSha256(), MediaType.APPLICATION_PDF, "pdf");
  }

  @GetMapping("/api/reports/compliance/{month}.html")
  public ResponseEntity<byte[]> html(@PathVariable String month) {
    ArchivedReport report = archivedOrNew(pastOrCurrent(month));
    return download(report, report.html(), report.htmlSha256(), new MediaType(MediaType.TEXT_HTML,
        StandardCharsets.UTF_8), "html");
  }

  private ArchivedReport archivedOrNew(ReportMonth month) {
    return reports.archived(month).orElseGet(() -> reports.generate(month, Actor.user(currentUser(), null),
        stage -> { }));
  }

  private static ResponseEntity<byte[]> download(ArchivedReport report, byte[] bytes, String sha256,
      MediaType type, String extension) {
    return ResponseEntity.ok()
        .contentType(type)
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"compliance-report-" + report.month().id()
            + "." + extension + "\"")
        .header("X-Content-SHA256", sha256)
        .header("X-Audit-Event-Id", report.eventId())
        .body(bytes);
  }

  private static ReportMonth pastOrCurrent(String value) {
    ReportMonth month;
    try {
      month = ReportMonth.parse(value);
    } catch (IllegalArgumentException e) {
      throw ApiProblemException.invalidParameter("month", e.getMessage());
    }
    if (month.isAfter(ReportMonth.current())) {
      throw ApiProblemException.invalidParameter("month", "the month " + value + " has not begun; a report covers"
          + " a past or the current month");
    }
    return month;
  }

  private String currentUser() {
    Authentication authentication = identityService.getCurrentAuthentication();
    return authentication == null ? null : authentication.getUserId();
  }
}
