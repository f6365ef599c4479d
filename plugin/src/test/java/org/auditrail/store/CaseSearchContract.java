package org.auditrail.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.auditrail.event.Actor;
import org.auditrail.event.ActorType;
import org.auditrail.event.AuditEvent;
import org.auditrail.event.EventContext;
import org.auditrail.event.EventIds;
import org.auditrail.event.EventJson;
import org.auditrail.event.EventType;
import org.auditrail.event.Outcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The case search of the store: one summary per case, each criterion met by some event of the case within the time
 * range, most recently active first, paged; on H2 and PostgreSQL.
 */
abstract class CaseSearchContract {

  private static final Instant T0 = Instant.parse("2026-01-12T09:00:00Z");

  private AuditStore store;

  /** A new, empty database. */
  abstract DataSource newDatabase();

  @BeforeEach
  void openStore() throws Exception {
    store = AuditStore.open(newDatabase());
    // case-a: kycCheck, KYC-A, a model call at 09:01 and mary's review at 09:02.
    store.events().appendDetached(List.of(
        event("case-a", "kycCheck", "KYC-A", T0, Actor.user("demo", null), EventType.PROCESS_STARTED, null),
        event("case-a", "kycCheck", "KYC-A", T0.plusSeconds(60),
            new Actor(ActorType.AGENT, "kycCheck:scoreRisk", "run-1"), EventType.MODEL_CALL, "model-x"),
        event("case-a", "kycCheck", "KYC-A", T0.plusSeconds(120), Actor.user("mary", null),
            EventType.HUMAN_REVIEW, null)), List.of());
    // case-b: invoiceApproval, INV-B, started at 10:00 by mary, no AI.
    store.events().appendDetached(List.of(
        event("case-b", "invoiceApproval", "INV-B", T0.plusSeconds(3600), Actor.user("mary", null),
            EventType.PROCESS_STARTED, null)), List.of());
    // a deployment is no case
    store.events().appendDetached(List.of(new AuditEvent(EventIds.next(), "deployment-1", null, T0,
        Actor.user("demo", null), EventType.DEPLOYMENT_CREATED, EventContext.builder().deploymentId("deployment-1")
        .build(), null, null, null, null, Outcome.SUCCESS, null)), List.of());
  }

  @Test
  void eachCaseIsOneRowWithItsCountsMostRecentlyActiveFirst() throws Exception {
    EventStore.CasePage page = store.events().cases(CaseCriteria.any(), 0, 10);
    assertThat(page.total()).isEqualTo(2);
    assertThat(page.cases()).containsExactly(
        new CaseSummary("case-b", "invoiceApproval", "INV-B", T0.plusSeconds(3600), T0.plusSeconds(3600), 1, 0, 0),
        new CaseSummary("case-a", "kycCheck", "KYC-A", T0, T0.plusSeconds(120), 3, 1, 1));
    assertThat(ids(CaseCriteria.any(), 1, 1)).containsExactly("case-a");
    assertThat(store.events().cases(CaseCriteria.any(), 1, 1).total()).isEqualTo(2);
    assertThat(ids(CaseCriteria.any(), 2, 1)).isEmpty();
  }

  @Test
  void everyCriterionNarrowsTheCases() throws Exception {
    assertThat(ids(criteria("KYC-A", null, null, null, null, null, null, null))).containsExactly("case-a");
    assertThat(ids(criteria(null, "invoiceApproval", null, null, null, null, null, null)))
        .containsExactly("case-b");
    assertThat(ids(criteria(null, null, T0.plusSeconds(1800), null, null, null, null, null)))
        .containsExactly("case-b");
    assertThat(ids(criteria(null, null, null, T0.plusSeconds(60), null, null, null, null)))
        .containsExactly("case-a");
    assertThat(ids(criteria(null, null, null, null, EventType.HUMAN_REVIEW, null, null, null)))
        .containsExactly("case-a");
    assertThat(ids(criteria(null, null, null, null, null, "mary", null, null))).containsExactly("case-b", "case-a");
    assertThat(ids(criteria(null, null, null, null, null, null, "model-x", null))).containsExactly("case-a");
    assertThat(ids(criteria(null, null, null, null, null, null, "model-y", null))).isEmpty();
    assertThat(ids(criteria(null, null, null, null, null, null, null, "3"))).containsExactly("case-a");
    assertThat(ids(criteria(null, null, null, null, null, null, null, "4"))).isEmpty();
    // Met by different events of one case: mary reviewed, the model called.
    assertThat(ids(criteria(null, null, null, null, null, "mary", "model-x", null))).containsExactly("case-a");
    // Within the range only: mary's review at 09:02 is after it.
    assertThat(ids(criteria(null, "kycCheck", null, T0.plusSeconds(90), null, "mary", null, null))).isEmpty();
  }

  private static CaseCriteria criteria(String businessKey, String process, Instant from, Instant to,
      EventType type, String actor, String model, String promptVersion) {
    return new CaseCriteria(businessKey, process, from, to, type, actor, model, promptVersion);
  }

  private List<String> ids(CaseCriteria criteria) throws Exception {
    return ids(criteria, 0, 10);
  }

  private List<String> ids(CaseCriteria criteria, long offset, int limit) throws Exception {
    List<String> ids = new ArrayList<>();
    store.events().cases(criteria, offset, limit).cases().forEach(found -> ids.add(found.processInstanceId()));
    return ids;
  }

  private static AuditEvent event(String caseId, String process, String businessKey, Instant time, Actor actor,
      EventType type, String model) {
    EventContext context = EventContext.builder().processDefinition(process + ":1:x", process, 1)
        .processInstanceId(caseId).businessKey(businessKey).build();
    var metadata = model == null ? null : EventJson.mapper().createObjectNode()
        .put("gen_ai.request.model", model).put("auditrail.prompt.version", "3");
    return new AuditEvent(EventIds.next(), caseId, null, time, actor, type, context, null, null, null, metadata,
        Outcome.SUCCESS, null);
  }
}
