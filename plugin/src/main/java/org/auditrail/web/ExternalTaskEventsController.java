package org.auditrail.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.auditrail.AuditLogger;
import org.auditrail.capture.WorkerEvents;
import org.auditrail.capture.WorkerReportRefusedException;
import org.auditrail.event.EventJson;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/audit/external-tasks/{id}/events}: an external worker's own AI steps (model calls, tool calls and
 * results, retrievals, its decision) become events of the case, for members of {@code audit.ingest.worker-groups},
 * while the worker holds the task's lock.
 */
@RestController
@ProblemResponses
@RequestMapping(path = "/api/audit/external-tasks", produces = MediaType.APPLICATION_JSON_VALUE)
public class ExternalTaskEventsController {

  private final WorkerEvents workerEvents;
  private final IdentityService identityService;
  private final int maxEvents;

  public ExternalTaskEventsController(WorkerEvents workerEvents, IdentityService identityService, int maxEvents) {
    this.workerEvents = workerEvents;
    this.identityService = identityService;
    this.maxEvents = maxEvents;
  }

  @PostMapping(path = "/{externalTaskId}/events", consumes = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<String> report(@PathVariable String externalTaskId, @RequestBody JsonNode body,
      HttpServletRequest request) {
    WorkerReport.Parsed parsed = WorkerReport.parse(body, maxEvents);
    String userId = identityService.getCurrentAuthentication().getUserId();
    if (!parsed.problems().isEmpty()) {
      AuditLogger.workerReportInvalid(userId, externalTaskId, parsed.problems().size());
      return Problems.response(invalid(parsed.problems(), request));
    }
    WorkerReport report = parsed.report();
    List<String> ids;
    try {
      ids = workerEvents.record(externalTaskId, report.workerId(), userId, report.events());
    } catch (WorkerReportRefusedException e) {
      AuditLogger.workerReportRefused(userId, externalTaskId, report.workerId(), e.getMessage());
      throw switch (e.reason()) {
        case UNKNOWN_TASK -> ApiProblemException.notFound("unknown_external_task", "externalTaskId", e.getMessage());
        case NOT_LOCKED_BY_WORKER -> new ApiProblemException(HttpStatus.CONFLICT, "not_locked_by_worker", "workerId",
            e.getMessage(), e);
      };
    }
    ObjectNode answer = EventJson.mapper().createObjectNode();
    ids.forEach(answer.putArray("event_ids")::add);
    return ResponseEntity.status(HttpStatus.CREATED).contentType(MediaType.APPLICATION_JSON).body(answer.toString());
  }

  private static ProblemDetail invalid(List<WorkerReport.Problem> problems, HttpServletRequest request) {
    ArrayNode list = EventJson.mapper().createArrayNode();
    problems.forEach(problem -> list.addObject().put("field", problem.field()).put("detail", problem.detail()));
    String detail = problems.size() + " problem(s) in the report, nothing of it was recorded: "
        + String.join("; ", problems.stream().map(problem -> problem.field() + " " + problem.detail()).toList());
    ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid_report", problems.get(0).field(), detail,
        request);
    problem.setProperty("problems", list);
    return problem;
  }
}
