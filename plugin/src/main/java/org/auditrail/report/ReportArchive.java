package org.auditrail.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.auditrail.capture.DetachedEventLog;
import org.auditrail.event.Actor;
import org.auditrail.event.AuditEvent;
import org.auditrail.event.EventContext;
import org.auditrail.event.EventIds;
import org.auditrail.event.EventJson;
import org.auditrail.event.EventType;
import org.auditrail.event.Outcome;
import org.auditrail.store.AuditStorageException;
import org.auditrail.store.AuditStore;
import org.auditrail.store.ContentBlob;
import org.auditrail.store.EventCriteria;

/**
 * Archives generated reports: the PDF and HTML go to the content store, and a {@code report_generated} event with
 * their hashes and the key figures is appended to the audit log, sealed like every other event.
 */
final class ReportArchive {

  private final DetachedEventLog log;
  private final AuditStore store;

  ReportArchive(DetachedEventLog log, AuditStore store) {
    this.log = log;
    this.store = store;
  }

  ArchivedReport archive(ComplianceReport report, String html, byte[] pdf, Actor actor) {
    ContentBlob pdfBlob = ContentBlob.of(pdf, "application/pdf");
    ContentBlob htmlBlob = ContentBlob.utf8(html, "text/html; charset=utf-8");
    ObjectNode input = EventJson.mapper().createObjectNode();
    input.put("month", report.month().id());
    input.put("from", report.month().from().toString());
    input.put("to", report.month().to().toString());
    ObjectNode output = EventJson.mapper().createObjectNode();
    output.set("pdf", pdfBlob.reference());
    output.set("html", htmlBlob.reference());
    output.put("cases_started", report.figures().casesStarted());
    output.put("model_calls", report.figures().modelCalls());
    output.put("human_reviews", report.figures().reviews());
    output.put("exceptional_events", report.findings().size() + report.unlistedFindings());
    output.put("summary_decision_event_id", report.summary().decisionEventId());
    report.attestation().checkpoint().ifPresent(checkpoint -> output.put("checkpoint_tree_size",
        checkpoint.treeSize()));
    output.put("log_verified", report.attestation().verified());
    String eventId = EventIds.next();
    Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
    AuditEvent event = new AuditEvent(eventId, report.month().traceId(), null, now, actor,
        EventType.REPORT_GENERATED, EventContext.builder().processDefinition(null, "compliance-report", null).build(),
        null, input, output, null, Outcome.SUCCESS, null);
    // Written before the report is handed out; without it, no one gets the report.
    log.appendBeforeAction(event, List.of(pdfBlob, htmlBlob));
    return new ArchivedReport(report.month(), eventId, now, actor.id(), pdfBlob.sha256(), htmlBlob.sha256(), pdf,
        html.getBytes(StandardCharsets.UTF_8));
  }

  /** The latest archived report of every month that has one, newest month first. */
  Map<ReportMonth, JsonNode> archivedMonths() {
    Map<ReportMonth, JsonNode> latest = new LinkedHashMap<>();
    for (JsonNode event : events()) {
      latest.putIfAbsent(ReportMonth.parse(event.path("input").path("month").asText()), event);
    }
    return latest;
  }

  Optional<ArchivedReport> latest(ReportMonth month) {
    JsonNode event = archivedMonths().get(month);
    if (event == null) {
      return Optional.empty();
    }
    JsonNode output = event.path("output");
    String pdf = output.path("pdf").path("content_sha256").asText();
    String html = output.path("html").path("content_sha256").asText();
    return Optional.of(new ArchivedReport(month, event.path("event_id").asText(),
        Instant.parse(event.path("timestamp").asText()), event.path("actor").path("id").asText(), pdf, html,
        content(pdf), content(html)));
  }

  private List<JsonNode> events() {
    try {
      return store.events().find(EventCriteria.ofTypes(EventType.REPORT_GENERATED)
          .orderedBy(EventCriteria.Order.NEWEST_FIRST));
    } catch (SQLException e) {
      throw new AuditStorageException("AUDIT-050 archived reports could not be read: " + e.getMessage(), e);
    }
  }

  private byte[] content(String sha256) {
    Optional<ContentBlob> stored;
    try {
      stored = store.contents().find(sha256);
    } catch (SQLException e) {
      throw new AuditStorageException("AUDIT-050 an archived report could not be read: " + e.getMessage(), e);
    }
    return stored.orElseThrow(() -> new AuditStorageException("AUDIT-050 the archived report " + sha256
        + " is missing from the content store")).content();
  }
}
