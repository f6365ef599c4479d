package org.auditrail.web;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.auditrail.store.CaseCriteria;
import org.auditrail.trail.EventFilter;

/** Reads a case search's parameters, refusing unknown names and bad values by name. */
final class CaseQuery {

  static final Set<String> PARAMETERS = Set.of("businessKey", "processDefinitionKey", "from", "to", "eventType",
      "actorId", "modelId", "promptVersion", "page", "size");

  /** The search's criteria (with the business key as given, in clear) and the page asked for. */
  record Parsed(CaseCriteria criteria, int page, int size) {}

  private CaseQuery() {}

  static Parsed parse(Map<String, String[]> parameters, int maxPageSize) {
    QueryParameters.requireKnown(parameters, PARAMETERS, "the case search");
    Instant from = QueryParameters.instant(parameters, "from");
    Instant to = QueryParameters.instant(parameters, "to");
    QueryParameters.requireOrder(from, to);
    CaseCriteria criteria = new CaseCriteria(QueryParameters.text(parameters, "businessKey"),
        QueryParameters.text(parameters, "processDefinitionKey"), from, to, EventQuery.eventType(parameters),
        QueryParameters.text(parameters, "actorId"), QueryParameters.text(parameters, "modelId"),
        QueryParameters.text(parameters, "promptVersion"));
    return new Parsed(criteria, QueryParameters.number(parameters, "page", 0, 0, Integer.MAX_VALUE),
        QueryParameters.number(parameters, "size", Math.min(EventFilter.DEFAULT_PAGE_SIZE, maxPageSize), 1,
            maxPageSize));
  }
}
