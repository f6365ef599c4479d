package org.auditrail.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.auditrail.report.ReportMonth;
import org.auditrail.store.ContentBlob;
import org.junit.jupiter.api.Test;

/** The compliance reports over real HTTP: the download API for scripts, its archive, and who may use it. */
class ComplianceReportHttpTest extends RunningSampleApplication {

  @Test
  void compliancePeopleDownloadTheArchivedReportOfAMonth() throws Exception {
    String month = ReportMonth.current().previous().id();
    SampleApi.Reply pdf = api.get("/api/reports/compliance/" + month + ".pdf", "carol", "carol");
    pdf.status(200);
    assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
    assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    String sha256 = pdf.headers().firstValue("X-Content-SHA256").orElseThrow();
    assertThat(sha256).isEqualTo(ContentBlob.sha256Hex(pdf.body()));
    String eventId = pdf.headers().firstValue("X-Audit-Event-Id").orElseThrow();

    SampleApi.Reply again = api.get("/api/reports/compliance/" + month + ".pdf", "demo", "demo");
    again.status(200);
    assertThat(again.headers().firstValue("X-Content-SHA256")).hasValue(sha256);
    SampleApi.Reply html = api.get("/api/reports/compliance/" + month + ".html", "carol", "carol");
    assertThat(html.text()).contains("Monthly compliance report").contains(ReportMonth.current().previous().title());
    assertThat(html.headers().firstValue("X-Audit-Event-Id")).hasValue(eventId);

    var archived = SampleApi.events(api.get("/api/audit/traces/compliance-report-" + month, "alice", "alice")
        .json(200));
    var generated = SampleApi.only(archived, "report_generated", null);
    assertThat(generated.path("event_id").asText()).isEqualTo(eventId);
    assertThat(generated.path("actor").path("id").asText()).isEqualTo("carol");
    assertThat(generated.path("output").path("pdf").path("content_sha256").asText()).isEqualTo(sha256);
    assertThat(SampleApi.only(archived, "model_call", "executive-summary").path("metadata")
        .path("auditrail.prompt.id").asText()).isEqualTo("compliance-report-summary");
  }

  @Test
  void onlyComplianceAndAdminsMayAndMonthsAreChecked() throws Exception {
    String month = ReportMonth.current().id();
    assertThat(api.get("/api/reports/compliance/" + month + ".pdf", "mary", "mary").json(403).path("detail")
        .asText()).isEqualTo("user 'mary' is not a member of any of the groups [compliance, camunda-admin] allowed"
            + " to use this API");
    assertThat(api.get("/reports/compliance", null, null).status()).isEqualTo(401);
    assertThat(api.get("/api/reports/compliance/2026-13.pdf", "carol", "carol").json(400).path("detail").asText())
        .isEqualTo("the month must be given as yyyy-MM, such as 2026-10, but was: 2026-13");
    String future = ReportMonth.current().month().plusMonths(2).toString();
    assertThat(api.get("/api/reports/compliance/" + future + ".html", "carol", "carol").json(400)
        .path("parameter").asText()).isEqualTo("month");
  }

  @Test
  void thePageGeneratesAMonthInTheBackgroundAndShowsItsProgress() throws Exception {
    String month = ReportMonth.current().id();
    SampleApi.Reply submitted = api.send("POST", "/reports/compliance/" + month + "/generate", "carol", "carol",
        "{}");
    assertThat(submitted.json(202).toString()).isEqualTo("{\"month\":\"" + month + "\",\"state\":\"queued\"}");
    assertThat(submitted.headers().firstValue("Location")).hasValue("/reports/compliance");
    String page = "";
    for (int attempt = 0; attempt < 100 && !page.contains("done"); attempt++) {
      Thread.sleep(200);
      page = api.get("/reports/compliance", "carol", "carol").text();
    }
    assertThat(page).contains("Signed in as <strong>carol</strong>");
    assertThat(page).contains("id=\"month-" + month + "\"").contains(">done<");
    assertThat(page).contains("/api/reports/compliance/" + month + ".pdf");
  }
}
