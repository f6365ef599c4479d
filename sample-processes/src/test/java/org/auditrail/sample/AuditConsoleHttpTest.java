package org.auditrail.sample;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The auditor console's pages and scripts over real HTTP: auditors only, served under a strict script policy. */
class AuditConsoleHttpTest extends RunningSampleApplication {

  @Test
  void theConsoleIsForAuditorsAndItsPagesRunOnlyTheirOwnScripts() throws Exception {
    SampleApi.Reply page = api.get("/audit/cases/4711", "alice", "alice");
    page.status(200);
    assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue("default-src 'none'; "
        + "script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; form-action 'self'; "
        + "frame-ancestors 'self'; base-uri 'none'");
    assertThat(page.text()).contains("<section id=\"browser-verification\" data-status=\"pending\" "
        + "data-case-id=\"4711\"></section>",
        "<a id=\"cockpit-link\" href=\"/camunda/app/cockpit/default/#/process-instance/4711/runtime\">");

    SampleApi.Reply refused = api.get("/audit", "mary", "mary");
    assertThat(refused.json(403).path("detail").asText())
        .isEqualTo("user 'mary' is not a member of any of the groups [auditors, camunda-admin] allowed to use this API");
    assertThat(api.get("/audit/cases/4711", null, null).status()).isEqualTo(401);

    SampleApi.Reply css = api.get("/audit/assets/console.css", "alice", "alice");
    css.status(200);
    assertThat(css.headers().firstValue("Content-Type")).hasValue("text/css;charset=UTF-8");
    assertThat(api.get("/audit/assets/compliance-reports.html", "alice", "alice").json(404)
        .path("code").asText()).isEqualTo("unknown_asset");
    assertThat(api.get("/audit/cases/bad%20id", "alice", "alice").json(400).path("parameter").asText())
        .isEqualTo("processInstanceId");
  }
}
