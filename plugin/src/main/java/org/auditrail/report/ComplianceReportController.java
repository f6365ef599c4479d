package org.auditrail.report;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.auditrail.event.Actor;
import org.auditrail.trail.ApiError;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * The compliance group's reports: a page that lists the months with their HTML and PDF and generates a month in the
 * background with a visible progress state, and {@code /api/reports/compliance/{yyyy-MM}.pdf|.html} for scripts.
 * A download serves the month's archived report, generating and archiving it first if there is none.
 */
@Controller
public class ComplianceReportController {

  static final int MONTHS_LISTED = 12;

  private final ComplianceReports reports;
  private final ReportJobs jobs;
  private final IdentityService identityService;
  private final TemplateEngine pages = new TemplateEngine();

  public ComplianceReportController(ComplianceReports reports, ReportJobs jobs, IdentityService identityService) {
    this.reports = reports;
    this.jobs = jobs;
    this.identityService = identityService;
    ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(getClass().getClassLoader());
    resolver.setPrefix("auditrail/web/");
    resolver.setSuffix(".html");
    resolver.setTemplateMode(TemplateMode.HTML);
    resolver.setCharacterEncoding("UTF-8");
    pages.setTemplateResolver(resolver);
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
    context.setVariable("refresh", rows.stream().anyMatch(row -> row.progress() != null && row.progress().running()));
    return pages.process("compliance-reports", context);
  }

  @PostMapping("/reports/compliance/{month}/generate")
  public ResponseEntity<Void> generate(@PathVariable String month) {
    jobs.submit(pastOrCurrent(month), Actor.user(currentUser(), null));
    return ResponseEntity.status(HttpStatus.SEE_OTHER).header(HttpHeaders.LOCATION, "/reports/compliance").build();
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

  @ExceptionHandler(IllegalArgumentException.class)
  @ResponseBody
  public ResponseEntity<String> badMonth(IllegalArgumentException e) {
    return ApiError.response(HttpStatus.BAD_REQUEST, "invalid_parameter", "month", e.getMessage());
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
    ReportMonth month = ReportMonth.parse(value);
    if (month.isAfter(ReportMonth.current())) {
      throw new IllegalArgumentException("the month " + value + " has not begun; a report covers a past or the"
          + " current month");
    }
    return month;
  }

  private String currentUser() {
    Authentication authentication = identityService.getCurrentAuthentication();
    return authentication == null ? null : authentication.getUserId();
  }
}
