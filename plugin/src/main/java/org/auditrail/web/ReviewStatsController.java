package org.auditrail.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Set;
import org.auditrail.review.ReviewStatistics;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Override analytics: where reviewers change, reject or escalate the AI's drafts, per task and per field. */
@RestController
@ProblemResponses
@RequestMapping("/api/audit")
public class ReviewStatsController {

  private static final Set<String> PARAMETERS = Set.of("from", "to", "processDefinitionKey");

  private final ReviewStatistics statistics;

  public ReviewStatsController(ReviewStatistics statistics) {
    this.statistics = statistics;
  }

  @GetMapping(path = "/reviews/stats", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<String> stats(HttpServletRequest request) {
    QueryParameters.requireKnown(request.getParameterMap(), PARAMETERS, "the review statistics");
    Instant from = QueryParameters.instant(request.getParameterMap(), "from");
    Instant to = QueryParameters.instant(request.getParameterMap(), "to");
    QueryParameters.requireOrder(from, to);
    return ResponseEntity.ok(statistics.of(from, to, QueryParameters.text(request.getParameterMap(),
        "processDefinitionKey")).toString());
  }
}
