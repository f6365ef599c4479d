package org.auditrail.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.sql.DataSource;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.auditrail.ai.RuleBasedChatModel;
import org.auditrail.autoconfigure.CronSchedule;
import org.auditrail.event.Actor;
import org.auditrail.event.AuditEvent;
import org.auditrail.event.EventContext;
import org.auditrail.event.EventError;
import org.auditrail.event.EventIds;
import org.auditrail.event.EventJson;
import org.auditrail.event.EventType;
import org.auditrail.event.Outcome;
import org.auditrail.seal.Sequencer;
import org.auditrail.store.AuditStore;
import org.auditrail.store.ContentBlob;
import org.auditrail.testapp.AuditTestApplication;
import org.auditrail.trail.AuditTrail;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The monthly compliance report rendered from a seeded month with known figures: asserted in the HTML and in the
 * text of the PDF, with the executive summary a recorded model call and the report archived under its hash.
 */
// The seeded month's events carry the past dates they would have had and are sealed now: not a backdating here.
@SpringBootTest(classes = AuditTestApplication.class, properties = {"audit.log.verify-max-seal-delay=3650d",
    "audit.log.verify-max-unsigned-age=3650d"})
class ComplianceReportTest {

  static final Path PAGES = Path.of("target", "report-pages");
  static final Path SCREENSHOTS = Path.of("target", "screenshots");
  static final ReportMonth OCTOBER = ReportMonth.parse("2026-10");

  @Autowired ComplianceReports reports;
  @Autowired DataSource dataSource;
  @Autowired AuditStore store;
  @Autowired Sequencer sequencer;
  @Autowired AuditTrail trail;

  @Test
  void aSeededMonthShowsItsFiguresInTheHtmlAndThePdfAndIsArchivedUnderItsHash() throws Exception {
    seedOctoberAndSeptember();
    sequencer.sealOnce(true);
    List<String> stages = new ArrayList<>();
    ArchivedReport report = reports.generate(OCTOBER, Actor.user("carol", null),
        stage -> stages.add(stage.name()));

    assertThat(stages).containsExactly("GATHERING", "SUMMARIZING", "RENDERING", "ARCHIVING");
    String html = new String(report.html(), StandardCharsets.UTF_8);
    String pdfText = text(report.pdf());
    keepPageImages(report.pdf(), "october-2026");
    for (String text : List.of(html.replaceAll("<[^>]+>", " ").replaceAll("\\s+", " "),
        pdfText.replaceAll("\\s+", " "))) {
      assertThat(text).contains("Period: October 2026");
      assertThat(text).contains("Cases started: kycCheck 3 1 +2");
      assertThat(text).contains("Cases completed: kycCheck 2 0 +2");
      assertThat(text).contains("Cases started: invoiceApproval 1 0 +1");
      assertThat(text).contains("Model calls 4 0 +4");
      assertThat(text).contains("Cost of model calls unknown");
      assertThat(text).contains("Human reviews of AI drafts 3 0 +3");
      assertThat(text).contains("Override rate (reviews that changed, rejected or escalated the draft) 66.7% 0.0%");
      assertThat(text).contains("Four-eyes violations refused 1 0 +1");
      assertThat(text).contains("Incidents 1 0 +1");
      // Long model ids wrap in the PDF's narrow cells, so the rows are asserted from the prompt column on.
      assertThat(text).contains("kyc-risk-rating@1.0.0 3 0 300 60 0.0003");
      assertThat(text).contains("1 1 0 0 unknown");
      assertThat(text).contains("tool lookupVendor 1.0.0");
      assertThat(text).contains("reviewKyc 3 1 1 1 0 66.7% 33.3% riskLevel 1");
      assertThat(text).contains("mary rejected the AI draft at reviewKyc:");
      assertThat(text).contains("Four-eyes rule: demo started this case");
      assertThat(text).contains("the AI proposed the risk tag sanctions-hit in a case narrative requested by alice");
      assertThat(text).doesNotContain("risk tag pep").doesNotContain("the AI rated the case high risk");
      assertThat(text).contains("demo: process instance modification (ModifyProcessInstance ProcessInstance)");
      assertThat(text).doesNotContain("Create ProcessInstance");
      assertThat(text).contains("mary was refused /api/audit/events");
      assertThat(text).contains("rate_limited calling gpt-4.1-2025-04-14");
      assertThat(text).contains("The audit API was read 2 times in the period.");
      assertThat(text).contains("VERIFIED");
      assertThat(text).contains("(covers the whole period)");
      assertThat(text).containsIgnoringCase("AI-generated text");
      assertThat(text).contains("In October 2026, 4 cases were started (previous month: 1) and 2 were completed."
          + " The AI was called 4 times, of which 1 failed. Reviewers completed 3 reviews of AI drafts and departed"
          + " from the draft in 66.7% of them; 1 four-eyes violations were refused. 1 incidents and 7 exceptional"
          + " events are listed in section 5 (AI risk tag: sanctions-hit 1, Audit API refused 1, Four-eyes violation 1,"
          + " Incident 1, Manual operation 1, Model error 1, Review rejected 1).");
      assertThat(text).contains("Written by model " + RuleBasedChatModel.MODEL_ID + " (offline) with prompt"
          + " compliance-report-summary@1.1.0");
      assertThat(text).contains("KYC-1").contains("KYC-2").contains("KYC-3").contains("INV-1");
    }
    String htmlText = html.replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ");
    assertThat(htmlText).contains("gpt-4o-mini-2024-07-18 kyc-risk-rating@1.0.0 3 0 300 60 0.0003 USD");
    assertThat(htmlText).contains("gpt-4.1-2025-04-14 invoice-approval-draft@1.0.0 1 1 0 0 unknown");
    assertThat(htmlText).contains("2026-10-22 10:00 UTC Review rejected mary rejected the AI draft at reviewKyc:"
        + " Sanctions concern KYC-3");
    assertThat(htmlText).contains("2026-10-19 10:00 UTC Four-eyes violation Four-eyes rule: demo started this case");
    assertThat(html).contains("<svg");

    assertThat(report.pdfSha256()).isEqualTo(ContentBlob.sha256Hex(report.pdf()));
    JsonNode archived = trail.trace(OCTOBER.traceId()).map(AuditTrail.Trace::events).orElseThrow().stream()
        .map(ComplianceReportTest::parse).filter(event -> event.path("event_type").asText().equals("report_generated"))
        .findFirst().orElseThrow();
    assertThat(archived.path("actor").path("id").asText()).isEqualTo("carol");
    assertThat(archived.path("output").path("pdf").path("content_sha256").asText()).isEqualTo(report.pdfSha256());
    assertThat(archived.path("output").path("summary_decision_event_id").asText())
        .isEqualTo(html.replaceAll("(?s).*decision event <span class=\"hash\">([^<]+)</span>.*", "$1"));
    List<JsonNode> calls = trail.trace(OCTOBER.traceId()).map(AuditTrail.Trace::events).orElseThrow().stream()
        .map(ComplianceReportTest::parse).filter(event -> event.path("event_type").asText().equals("model_call"))
        .toList();
    assertThat(calls).hasSize(1);
    assertThat(calls.get(0).path("metadata").path("auditrail.prompt.id").asText())
        .isEqualTo("compliance-report-summary");
    assertThat(reports.archived(OCTOBER).orElseThrow().pdfSha256()).isEqualTo(report.pdfSha256());
  }

  @Test
  void anEmptyMonthRendersWithItsEmptySections() throws Exception {
    ReportMonth empty = ReportMonth.parse("2025-01");
    ArchivedReport report = reports.generate(empty, Actor.user("carol", null), stage -> { });
    String text = text(report.pdf()).replaceAll("\\s+", " ");
    keepPageImages(report.pdf(), "january-2025");
    assertThat(text).contains("Period: January 2025");
    assertThat(text).contains("No model calls in this period.");
    assertThat(text).contains("No AI was used in this period.");
    assertThat(text).contains("No human reviews of AI drafts in this period.");
    assertThat(text).contains("No exceptional events in this period.");
    assertThat(text).contains("No cases were started in this period.");
    assertThat(text).contains("In January 2025, 0 cases were started");
  }

  @Test
  void aMonthWithLongModelAndPromptIdsDrawsItsChartLabelsClearOfBarsAndCountsWithTheFullTextInTheTable()
      throws Exception {
    ReportMonth august = ReportMonth.parse("2026-08");
    List<AuditEvent> events = new ArrayList<>();
    for (int i = 1; i <= 7; i++) {
      events.add(modelCall("2026-08-0" + i + "T09:00:00Z", "kyc-aug-" + i, SvgChartsTest.LONG_MODEL,
          "commercial-lending-credit-memo-drafting", "12.4.0-rc.3", true));
    }
    events.add(modelCall("2026-08-08T09:00:00Z", "kyc-aug-8", "azure-openai/gpt-4o-2024-11-20-sweden-central-ptu",
        "kyc-risk-rating-with-adverse-media-screening", "3.0.1", true));
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(true);
      store.events().append(connection, events, List.of());
    }
    sequencer.sealOnce(true);

    ArchivedReport report = reports.generate(august, Actor.user("carol", null), stage -> { });

    String html = new String(report.html(), StandardCharsets.UTF_8);
    String chart = html.replaceAll(
        "(?s).*(<svg[^>]*aria-label=\"Model calls per model and prompt version\".*?</svg>).*", "$1");
    List<String> labels = Pattern.compile("<text x=\"0\" y=\"[\\d.]+\" font-size=\"12\">(.*?)</text>")
        .matcher(chart).results().map(match -> match.group(1)).toList();
    // Each bar as drawn: its left edge, its right edge and where its count starts.
    List<double[]> bars = Pattern.compile("<rect x=\"([\\d.]+)\" y=\"[\\d.]+\" width=\"([\\d.]+)\"[^>]*/>"
        + "<text x=\"([\\d.]+)\"").matcher(chart).results().map(match -> new double[] {
            Double.parseDouble(match.group(1)), Double.parseDouble(match.group(1)) + Double.parseDouble(match.group(2)),
            Double.parseDouble(match.group(3))}).toList();
    assertThat(labels).hasSize(2);
    assertThat(bars).hasSize(2).allSatisfy(bar -> {
      assertThat(bar[0]).isEqualTo(300.0);
      assertThat(bar[2]).isGreaterThan(bar[1]);
    });
    LabelText measure = new LabelText(12);
    for (String label : labels) {
      List<String> lines = Pattern.compile("<tspan[^>]*>(.*?)</tspan>").matcher(label).results()
          .map(match -> match.group(1)).toList();
      assertThat(lines).hasSizeBetween(2, 3);
      // Measured in the font the PDF draws them with, every line ends at least 8 units left of the bars.
      assertThat(lines).allSatisfy(line -> assertThat(measure.width(line)).isLessThanOrEqualTo(300 - 8));
    }
    assertThat(labels.get(0)).contains("<title>" + SvgChartsTest.LONG_MODEL
        + " / commercial-lending-credit-memo-drafting@12.4.0-rc.3</title>");
    // The SVG's text is drawn as shapes in the PDF; the table's cells are text, wrapped where they are narrow.
    String pdfText = text(report.pdf()).replaceAll("\\s+", "");
    assertThat(pdfText).contains(SvgChartsTest.LONG_MODEL)
        .contains("commercial-lending-credit-memo-drafting@12.4.0-rc.3")
        .contains("azure-openai/gpt-4o-2024-11-20-sweden-central-ptu")
        .contains("kyc-risk-rating-with-adverse-media-screening@3.0.1");
    keepPageWith(report.pdf(), "Prompt version", "report-long-labels");
  }

  @Test
  void theScheduleGeneratesLastMonthsReportAsTheScheduler() throws Exception {
    ReportMonth lastMonth = ReportMonth.current().previous();
    try (ReportJobs jobs = new ReportJobs(reports);
        CronSchedule schedule = new CronSchedule("test-report-schedule", "* * * * * *",
            () -> jobs.submit(ReportMonth.current().previous(), ReportJobs.SCHEDULER)).start()) {
      ReportJobs.Progress progress = null;
      for (int attempt = 0; attempt < 100 && (progress == null || progress.running()); attempt++) {
        Thread.sleep(100);
        progress = jobs.progressOf(lastMonth).orElse(null);
      }
      assertThat(progress).isNotNull();
      assertThat(progress.requestedBy()).isEqualTo("report-scheduler");
      assertThat(progress.state()).isEqualTo("done");
    }
    assertThat(reports.archived(lastMonth).orElseThrow().generatedBy()).isEqualTo("report-scheduler");
  }

  private void seedOctoberAndSeptember() throws SQLException {
    List<AuditEvent> events = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      events.add(event("2026-10-0" + i + "T09:00:00Z", EventType.PROCESS_STARTED, "kyc-" + i, "KYC-" + i,
          "kycCheck", null, Actor.user("demo", null), null, null, Outcome.SUCCESS, null));
    }
    events.add(event("2026-10-04T09:00:00Z", EventType.PROCESS_STARTED, "inv-1", "INV-1", "invoiceApproval", null,
        Actor.user("demo", null), null, null, Outcome.SUCCESS, null));
    for (int i = 1; i <= 2; i++) {
      events.add(event("2026-10-1" + i + "T09:00:00Z", EventType.PROCESS_COMPLETED, "kyc-" + i, "KYC-" + i,
          "kycCheck", null, Actor.system("job-executor", null), null, null, Outcome.SUCCESS, null));
    }
    events.add(event("2026-09-20T09:00:00Z", EventType.PROCESS_STARTED, "kyc-0", "KYC-0", "kycCheck", null,
        Actor.user("demo", null), null, null, Outcome.SUCCESS, null));
    for (int i = 1; i <= 3; i++) {
      events.add(modelCall("2026-10-0" + i + "T09:01:00Z", "kyc-" + i, "gpt-4o-mini-2024-07-18", "kyc-risk-rating",
          true));
    }
    events.add(modelCall("2026-10-04T09:01:00Z", "inv-1", "gpt-4.1-2025-04-14", "invoice-approval-draft", false));
    events.add(event("2026-10-04T09:02:00Z", EventType.TOOL_CALL, "inv-1", "INV-1", "invoiceApproval",
        "draftApproval", Actor.system("agent", null), null, EventJson.mapper().createObjectNode()
            .put("gen_ai.tool.name", "lookupVendor").put("auditrail.tool.version", "1.0.0"), Outcome.SUCCESS, null));
    // An AI rating of high risk is no finding of its own; the risk tags of a case's latest narrative are.
    events.add(event("2026-10-01T09:03:00Z", EventType.DECISION, "kyc-1", "KYC-1", "kycCheck", "scoreRisk",
        Actor.system("agent", null), EventJson.mapper().createObjectNode().set("value",
            EventJson.mapper().createObjectNode().put("riskLevel", "high")), null, Outcome.SUCCESS, null));
    events.add(narrative("2026-10-23T09:00:00Z", "kyc-3", "pep", "model-error"));
    events.add(narrative("2026-10-24T09:00:00Z", "kyc-3", "sanctions-hit"));
    String[][] reviews = {{"approve", "[]", ""}, {"edit", "[\"riskLevel\"]", "Known customer"},
        {"reject", "[]", "Sanctions concern"}};
    for (int i = 0; i < 3; i++) {
      ObjectNode output = EventJson.mapper().createObjectNode().put("action", reviews[i][0])
          .put("reason", reviews[i][2]);
      output.set("changed_fields", parse(reviews[i][1]));
      events.add(event("2026-10-2" + i + "T10:00:00Z", EventType.HUMAN_REVIEW, "kyc-" + (i + 1), "KYC-" + (i + 1),
          "kycCheck", "reviewKyc", Actor.user("mary", null), output, null, Outcome.SUCCESS, null));
    }
    events.add(event("2026-10-19T10:00:00Z", EventType.REVIEW_REFUSED, "kyc-3", "KYC-3", "kycCheck", "reviewKyc",
        Actor.user("demo", null), EventJson.mapper().createObjectNode().put("refused", "four_eyes")
            .put("message", "Four-eyes rule: demo started this case and may not approve its AI draft."), null,
        Outcome.ERROR, new EventError("four_eyes", "refused")));
    events.add(event("2026-10-15T10:00:00Z", EventType.INCIDENT_CREATED, "inv-1", "INV-1", "invoiceApproval",
        "bookLedger", Actor.system("job-executor", null), null, null, Outcome.ERROR,
        new EventError("failedJob", "Ledger unavailable")));
    events.add(event("2026-10-16T10:00:00Z", EventType.USER_OPERATION, "inv-1", "INV-1", "invoiceApproval", null,
        Actor.user("demo", null), EventJson.mapper().createObjectNode().put("operation_type", "ModifyProcessInstance")
            .put("entity_type", "ProcessInstance"), null, Outcome.SUCCESS, null));
    // A case started through the REST API is logged as an operation too, but it is work, not an operator action.
    events.add(event("2026-10-16T11:00:00Z", EventType.USER_OPERATION, "inv-1", "INV-1", "invoiceApproval", null,
        Actor.user("demo", null), EventJson.mapper().createObjectNode().put("operation_type", "Create")
            .put("entity_type", "ProcessInstance"), null, Outcome.SUCCESS, null));
    events.add(access("2026-10-17T10:00:00Z", "alice", 200));
    events.add(access("2026-10-17T11:00:00Z", "mary", 403));
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(true);
      store.events().append(connection, events, List.of());
    }
  }

  private static AuditEvent modelCall(String at, String trace, String model, String prompt, boolean succeeded) {
    return modelCall(at, trace, model, prompt, "1.0.0", succeeded);
  }

  private static AuditEvent modelCall(String at, String trace, String model, String prompt, String version,
      boolean succeeded) {
    ObjectNode metadata = EventJson.mapper().createObjectNode()
        .put("gen_ai.request.model", model).put("auditrail.prompt.id", prompt).put("auditrail.prompt.version", version);
    if (succeeded) {
      metadata.put("gen_ai.response.model", model).put("gen_ai.usage.input_tokens", 100)
          .put("gen_ai.usage.output_tokens", 20).put("auditrail.cost.status", "known")
          .put("auditrail.cost.amount", new java.math.BigDecimal("0.0001")).put("auditrail.cost.currency", "USD");
    } else {
      metadata.put("auditrail.cost.status", "unknown").put("error.type", "rate_limited");
    }
    AuditEvent base = event(at, EventType.MODEL_CALL, trace, trace.toUpperCase(), trace.startsWith("kyc")
        ? "kycCheck" : "invoiceApproval", trace.startsWith("kyc") ? "scoreRisk" : "draftApproval",
        Actor.system("agent", null), null, metadata, succeeded ? Outcome.SUCCESS : Outcome.ERROR,
        succeeded ? null : new EventError("rate_limited", "429"));
    ObjectNode ai = EventJson.mapper().createObjectNode();
    ai.putObject("model").put("model_id", model).put("provider", "openai");
    ai.putObject("prompt").put("id", prompt).put("version", version);
    return new AuditEvent(base.eventId(), base.traceId(), null, base.timestamp(), base.actor(), base.eventType(),
        base.context(), new org.auditrail.event.Snapshot(null, null, null, null, EventJson.mapper()
            .convertValue(ai, org.auditrail.event.AiSnapshot.class)), null, null, metadata, base.outcome(),
        base.error());
  }

  private static AuditEvent access(String at, String user, int status) {
    return new AuditEvent(EventIds.next(), EventIds.next(), null, Instant.parse(at), Actor.user(user, null),
        EventType.AUDIT_API_ACCESSED, EventContext.builder().build(), null,
        EventJson.mapper().createObjectNode().put("path", "/api/audit/events"),
        EventJson.mapper().createObjectNode().put("status", status), null,
        status >= 400 ? Outcome.ERROR : Outcome.SUCCESS, status >= 400 ? new EventError("http_" + status, null) : null);
  }

  private static AuditEvent event(String at, EventType type, String trace, String businessKey, String processKey,
      String activity, Actor actor, JsonNode output, ObjectNode metadata, Outcome outcome, EventError error) {
    EventContext context = EventContext.builder().processDefinition(processKey + ":1:x", processKey, 1)
        .processInstanceId(trace).businessKey(businessKey).activity(activity, null, null).build();
    return new AuditEvent(EventIds.next(), trace, null, Instant.parse(at), actor, type, context, null, null, output,
        metadata, outcome, error);
  }

  /** A recorded case narrative's decision, requested by alice, with the risk tags the check kept. */
  private static AuditEvent narrative(String at, String trace, String... tags) {
    ObjectNode value = EventJson.mapper().createObjectNode();
    value.putArray("sentences");
    java.util.Arrays.stream(tags).forEach(value.putArray("risk_tags")::add);
    ObjectNode metadata = EventJson.mapper().createObjectNode();
    metadata.putObject("auditrail.triggered_by").put("type", "user").put("id", "alice");
    EventContext context = EventContext.builder().processDefinition(null, "case-narrative", null)
        .processInstanceId(trace).activity("narrative", null, "generation").build();
    return new AuditEvent(EventIds.next(), trace, null, Instant.parse(at), Actor.system("agent", null),
        EventType.DECISION, context, null, null, EventJson.mapper().createObjectNode().set("value", value), metadata,
        Outcome.SUCCESS, null);
  }

  private static JsonNode parse(String json) {
    try {
      return EventJson.mapper().readTree(json);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * The PDF's text, extracted twice: in reading order (lines across the page) and in drawing order (each table cell
   * whole, where a long cell wraps); an assertion holds if the text is found in either.
   */
  private static String text(byte[] pdf) throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      PDFTextStripper stripper = new PDFTextStripper();
      stripper.setSortByPosition(true);
      String reading = stripper.getText(document);
      stripper.setSortByPosition(false);
      return reading + "\n" + stripper.getText(document);
    }
  }

  /**
   * The first page with the text (the table the chart follows: the chart's own text is drawn as shapes), as an
   * image among the test's screenshots, rendered by PDFBox.
   */
  static void keepPageWith(byte[] pdf, String text, String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    try (PDDocument document = Loader.loadPDF(pdf)) {
      PDFTextStripper stripper = new PDFTextStripper();
      int page = 0;
      do {
        page++;
        stripper.setStartPage(page);
        stripper.setEndPage(page);
      } while (!stripper.getText(document).contains(text) && page < document.getNumberOfPages());
      assertThat(stripper.getText(document)).contains(text);
      BufferedImage image = new PDFRenderer(document).renderImageWithDPI(page - 1, 110);
      assertThat(ImageIO.write(image, "png", SCREENSHOTS.resolve(name + ".png").toFile())).isTrue();
    }
  }

  /** Page images of the PDF for a person to look at; skipped where poppler's pdftoppm is not installed. */
  private static void keepPageImages(byte[] pdf, String name) throws Exception {
    Path pdftoppm = Path.of("/usr/bin/pdftoppm");
    Files.createDirectories(PAGES);
    Path file = Files.write(PAGES.resolve(name + ".pdf"), pdf);
    if (!Files.isExecutable(pdftoppm)) {
      System.out.println("page images skipped: poppler-utils (pdftoppm) is not installed");
      return;
    }
    Process process = new ProcessBuilder(pdftoppm.toString(), "-png", "-r", "60", file.toString(),
        PAGES.resolve(name).toString()).inheritIO().start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isZero();
    assertThat(Files.list(PAGES).filter(page -> page.getFileName().toString().startsWith(name + "-")).count())
        .isPositive();
  }
}
