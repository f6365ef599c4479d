package org.auditrail.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.auditrail.ai.AiGeneration;
import org.auditrail.ai.AiTasks;
import org.auditrail.ai.ModelEntry;
import org.auditrail.ai.RuleBasedChatModel;
import org.auditrail.capture.DetachedEventLog;
import org.auditrail.event.Actor;
import org.auditrail.event.AuditEvent;
import org.auditrail.event.EventContext;
import org.auditrail.event.EventIds;
import org.auditrail.event.EventJson;
import org.auditrail.event.EventType;
import org.auditrail.event.Outcome;
import org.auditrail.report.ArchivedReport;
import org.auditrail.report.ComplianceReports;
import org.auditrail.report.ReportMonth;
import org.auditrail.report.ReportRenderer;
import org.auditrail.report.ReportSummaryRule;
import org.auditrail.seal.LogProofs;
import org.auditrail.seal.LogVerification;
import org.auditrail.store.AuditStore;
import org.auditrail.verify.NoteSigner;

/**
 * The monthly compliance report of a busy month: {@code cases} KYC cases, each with its start, AI model call,
 * decision, human review and completion, sealed into the log; then the time to gather, summarize, verify the
 * whole log, render HTML and PDF, and archive.
 */
final class ReportBenchmark {

  private ReportBenchmark() {}

  static ObjectNode run(DataSource dataSource, int cases) throws Exception {
    AuditStore store = AuditStore.open(dataSource);
    ReportMonth month = ReportMonth.current().previous();
    List<AuditEvent> events = new ArrayList<>();
    long spacing = ChronoUnit.SECONDS.between(month.from(), month.to()) / cases;
    for (int i = 0; i < cases; i++) {
      events.addAll(caseEvents(i, month.from().plusSeconds(i * spacing)));
    }
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      for (int from = 0; from < events.size(); from += 5000) {
        store.events().append(connection, events.subList(from, Math.min(events.size(), from + 5000)), List.of());
        connection.commit();
      }
    }
    NoteSigner signer = NoteSigner.generate("bench", new SecureRandom());
    LogBenchmark.sealAll(store, signer);

    DetachedEventLog log = new DetachedEventLog(store.events());
    AiTasks tasks = AiTasks.builder(store, log)
        .model(new ModelEntry("report-summary", "offline", RuleBasedChatModel.MODEL_ID, "bench", "summary",
            Set.of(ComplianceReports.PURPOSE), ModelEntry.ValidationStatus.APPROVED, null, null, null, null, null,
            null, 0), null)
        .offlineRules(() -> List.of(new ReportSummaryRule()))
        .build();
    tasks.prompts().publish("compliance-report-summary", "1.1.0", new String(ReportBenchmark.class
        .getResourceAsStream("/prompts/compliance-report-summary/1.1.0.txt").readAllBytes(),
        StandardCharsets.UTF_8), "bench");
    ComplianceReports reports = new ComplianceReports(store, log, new LogProofs(store.transactions()),
        new LogVerification(store.transactions(), null, List.of(signer.verifier())), new AiGeneration(tasks), "report-summary", new ReportRenderer(null));

    long started = System.nanoTime();
    ArchivedReport report = reports.generate(month, Actor.system("bench", null), stage -> { });
    double seconds = (System.nanoTime() - started) / 1e9;
    ObjectNode figures = EventJson.mapper().createObjectNode();
    figures.put("cases", cases);
    figures.put("events_in_month", events.size());
    figures.put("generate_seconds", Math.round(seconds * 100) / 100.0);
    figures.put("pdf_bytes", report.pdf().length);
    figures.put("html_bytes", report.html().length);
    return figures;
  }

  private static List<AuditEvent> caseEvents(int index, Instant at) {
    String trace = EventIds.next();
    String key = String.format("KYC-BENCH-%05d", index);
    EventContext context = EventContext.builder().processDefinition("kycCheck:1:bench", "kycCheck", 1)
        .processInstanceId(trace).businessKey(key).build();
    EventContext review = EventContext.builder().processDefinition("kycCheck:1:bench", "kycCheck", 1)
        .processInstanceId(trace).businessKey(key).activity("reviewKyc", "Review KYC case", "userTask").build();
    ObjectNode call = EventJson.mapper().createObjectNode().put("gen_ai.request.model", RuleBasedChatModel.MODEL_ID)
        .put("gen_ai.response.model", RuleBasedChatModel.MODEL_ID).put("auditrail.prompt.id", "kyc-risk-rating")
        .put("auditrail.prompt.version", "1.0.0").put("gen_ai.usage.input_tokens", 180)
        .put("gen_ai.usage.output_tokens", 40).put("auditrail.cost.status", "unknown");
    ObjectNode reviewed = EventJson.mapper().createObjectNode().put("action", index % 10 == 0 ? "edit" : "approve");
    reviewed.putArray("changed_fields");
    if (index % 10 == 0) {
      reviewed.withArray("changed_fields").add("riskLevel");
    }
    Actor demo = Actor.user("demo", null);
    return List.of(
        new AuditEvent(EventIds.next(), trace, null, at, demo, EventType.PROCESS_STARTED, context, null, null, null,
            null, Outcome.SUCCESS, null),
        new AuditEvent(EventIds.next(), trace, null, at.plusSeconds(1), Actor.system("agent", null),
            EventType.MODEL_CALL, context, null, null, null, call, Outcome.SUCCESS, null),
        new AuditEvent(EventIds.next(), trace, null, at.plusSeconds(60), Actor.user("mary", null),
            EventType.HUMAN_REVIEW, review, null, null, reviewed, null, Outcome.SUCCESS, null),
        new AuditEvent(EventIds.next(), trace, null, at.plusSeconds(61), demo, EventType.PROCESS_COMPLETED, context,
            null, null, null, null, Outcome.SUCCESS, null));
  }
}
