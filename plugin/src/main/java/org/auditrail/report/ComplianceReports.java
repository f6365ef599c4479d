package org.auditrail.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.auditrail.ai.AiGeneration;
import org.auditrail.ai.GeneratedText;
import org.auditrail.capture.DetachedEventLog;
import org.auditrail.event.Actor;
import org.auditrail.review.ReviewStatistics;
import org.auditrail.seal.LogProofs;
import org.auditrail.seal.LogVerification;
import org.auditrail.store.AuditStore;

/**
 * Builds, renders and archives the monthly compliance report: gathers the month's figures from the audit log, lets
 * the configured model write the executive summary (a recorded model call), renders HTML and PDF, and archives
 * both with a {@code report_generated} event.
 */
public final class ComplianceReports {

  /** The stages of a generation, for a progress display. */
  public enum Stage {
    GATHERING,
    SUMMARIZING,
    RENDERING,
    ARCHIVING
  }

  /** The purpose models must be approved for to write the summary. */
  public static final String PURPOSE = "compliance-report";
  static final String SUMMARY_PROMPT = "compliance-report-summary";
  static final String SUMMARY_PROMPT_VERSION = "1.1.0";

  private final ReportScan scan;
  private final ReviewStatistics reviews;
  private final LogProofs proofs;
  private final LogVerification verification;
  private final AiGeneration generation;
  private final String summaryModel;
  private final ReportRenderer renderer;
  private final ReportArchive archive;

  /**
   * @param summaryModel the model inventory's configuration that writes the summary; it must be approved for
   *     {@value #PURPOSE}
   */
  public ComplianceReports(AuditStore store, DetachedEventLog log, LogProofs proofs,
      LogVerification verification, AiGeneration generation, String summaryModel, ReportRenderer renderer) {
    this.scan = new ReportScan(store.events());
    this.reviews = new ReviewStatistics(store.events());
    this.proofs = proofs;
    this.verification = verification;
    this.generation = generation;
    this.summaryModel = summaryModel;
    this.renderer = renderer;
    this.archive = new ReportArchive(log, store);
  }

  /** Generates the month's report anew and archives it. */
  public ArchivedReport generate(ReportMonth month, Actor requestedBy, Consumer<Stage> progress) {
    progress.accept(Stage.GATHERING);
    KeyFigures.Counter figures = new KeyFigures.Counter();
    InventoryUsage inventory = new InventoryUsage();
    ExceptionalEvents exceptional = new ExceptionalEvents();
    CaseIndex cases = new CaseIndex();
    MonthAlerts alerts = new MonthAlerts();
    Set<String> types = new LinkedHashSet<>(KeyFigures.EVENT_TYPES);
    types.addAll(InventoryUsage.EVENT_TYPES);
    types.addAll(ExceptionalEvents.EVENT_TYPES);
    types.addAll(CaseIndex.EVENT_TYPES);
    types.addAll(MonthAlerts.EVENT_TYPES);
    scan.scan(month, types, List.of(figures, inventory, exceptional, cases, alerts));
    KeyFigures.Counter previous = new KeyFigures.Counter();
    scan.scan(month.previous(), KeyFigures.EVENT_TYPES, List.of(previous));
    KeyFigures current = figures.figures();
    KeyFigures before = previous.figures();
    Attestation attestation = Attestation.of(month, proofs, verification);
    List<ComplianceReport.Oversight> oversight = oversight(month);

    progress.accept(Stage.SUMMARIZING);
    GeneratedText summary = summarize(month, current, before, exceptional, attestation, requestedBy);
    ComplianceReport report = new ComplianceReport(month, Instant.now(), requestedBy.id(), current, before,
        inventory.uses(), oversight, exceptional.findings(), exceptional.unlisted(), exceptional.auditApiAccesses(),
        attestation, cases.cases(), summary, alerts.alerts());

    progress.accept(Stage.RENDERING);
    String html = renderer.html(report);
    byte[] pdf = renderer.pdf(html);

    progress.accept(Stage.ARCHIVING);
    return archive.archive(report, html, pdf, requestedBy);
  }

  /** The report archived last for the month, if any. */
  public Optional<ArchivedReport> archived(ReportMonth month) {
    return archive.latest(month);
  }

  /** The months with an archived report, newest first, with when and by whom the latest was generated. */
  public Map<ReportMonth, String> archivedMonths() {
    Map<ReportMonth, String> months = new LinkedHashMap<>();
    archive.archivedMonths().forEach((month, event) -> months.put(month, event.path("timestamp").asText() + " by "
        + event.path("actor").path("id").asText()));
    return months;
  }

  private List<ComplianceReport.Oversight> oversight(ReportMonth month) {
    List<ComplianceReport.Oversight> rows = new ArrayList<>();
    for (JsonNode task : reviews.of(month.from(), month.to(), null).path("tasks")) {
      List<String> fields = new ArrayList<>();
      task.path("most_changed_fields").forEach(field -> fields.add(field.asText()));
      rows.add(new ComplianceReport.Oversight(task.path("process_definition_key").asText(),
          task.path("task").asText(), task.path("reviews").asInt(), task.path("approved_unchanged").asInt(),
          task.path("edited").asInt(), task.path("rejected").asInt(), task.path("escalated").asInt(),
          task.path("override_rate").asDouble(), fields, task.path("refusals").path("four_eyes").asInt()));
    }
    return rows;
  }

  private GeneratedText summarize(ReportMonth month, KeyFigures current, KeyFigures before,
      ExceptionalEvents exceptional, Attestation attestation, Actor requestedBy) {
    ReportFormat format = new ReportFormat();
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("month", month.title());
    variables.put("casesStarted", current.casesStarted());
    variables.put("casesStartedBefore", before.casesStarted());
    variables.put("casesCompleted", current.casesCompleted());
    variables.put("modelCalls", current.modelCalls());
    variables.put("modelErrors", current.aiCalls().stream().mapToInt(KeyFigures.AiCalls::errors).sum());
    variables.put("reviews", current.reviews());
    variables.put("overrideRate", format.percent(current.overrideRate()));
    variables.put("fourEyes", current.fourEyesViolations());
    variables.put("incidents", current.incidents());
    variables.put("exceptional", exceptional.findings().size() + exceptional.unlisted());
    variables.put("exceptionalByCategory", exceptional.byCategory().isEmpty() ? "none"
        : String.join(", ", exceptional.byCategory().entrySet().stream()
            .map(entry -> entry.getKey() + " " + entry.getValue()).toList()));
    variables.put("verification", attestation.verified() ? "passed without findings" : "found tampering");
    return generation.write(PURPOSE, "executive-summary", SUMMARY_PROMPT, SUMMARY_PROMPT_VERSION, summaryModel,
        variables, requestedBy, month.traceId());
  }
}
