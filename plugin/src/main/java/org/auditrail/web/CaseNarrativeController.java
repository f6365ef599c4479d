package org.auditrail.web;

import org.auditrail.event.Actor;
import org.auditrail.narrative.CaseNarratives;
import org.auditrail.narrative.UnknownCaseException;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A case's narrative under {@code /api/audit/cases/{processInstanceId}/narrative}: {@code POST} has the configured
 * model write one (checked, recorded, attributed to the caller), {@code GET} answers the latest recorded. Behind
 * the {@link ApiGuard} like the rest of the auditor's API, which has authenticated the caller.
 */
@RestController
@ProblemResponses
@RequestMapping("/api/audit/cases")
public class CaseNarrativeController {

  private final CaseNarratives narratives;
  private final IdentityService identityService;

  /** @param identityService where the guard left the caller's authentication */
  public CaseNarrativeController(CaseNarratives narratives, IdentityService identityService) {
    this.narratives = narratives;
    this.identityService = identityService;
  }

  @PostMapping(path = "/{processInstanceId}/narrative", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<String> summarize(@PathVariable String processInstanceId) {
    Actor auditor = Actor.user(identityService.getCurrentAuthentication().getUserId(), null);
    try {
      return ResponseEntity.status(HttpStatus.CREATED).contentType(MediaType.APPLICATION_JSON)
          .body(narratives.summarize(processInstanceId, auditor).json().toString());
    } catch (UnknownCaseException e) {
      throw AuditTrailController.unknownCase(processInstanceId);
    }
  }

  @GetMapping(path = "/{processInstanceId}/narrative", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<String> latest(@PathVariable String processInstanceId) {
    try {
      return narratives.latest(processInstanceId)
          .map(narrative -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
              .body(narrative.json().toString()))
          .orElseThrow(() -> ApiProblemException.notFound("no_narrative", "processInstanceId",
              "no narrative has been recorded for process instance '" + processInstanceId + "'"));
    } catch (UnknownCaseException e) {
      throw AuditTrailController.unknownCase(processInstanceId);
    }
  }
}
