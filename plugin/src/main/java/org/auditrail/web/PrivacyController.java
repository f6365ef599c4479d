package org.auditrail.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.auditrail.event.Actor;
import org.auditrail.privacy.SubjectRights;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/privacy}: for privacy officers (Camunda groups, see {@code audit.privacy.officer-groups}) to look a
 * person up, export everything about them, resolve one token, and erase them.
 */
@RestController
@ProblemResponses
@RequestMapping(path = "/api/privacy", produces = MediaType.APPLICATION_JSON_VALUE)
public class PrivacyController {

  private final SubjectRights rights;
  private final IdentityService identityService;

  public PrivacyController(SubjectRights rights, IdentityService identityService) {
    this.rights = rights;
    this.identityService = identityService;
  }

  /** Body {@code {"value": "<what identifies the person, such as their customer number>"}}. */
  @PostMapping(path = "/subjects/lookup", consumes = MediaType.APPLICATION_JSON_VALUE)
  public String lookup(@RequestBody JsonNode body) {
    JsonNode value = body.get("value");
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw ApiProblemException.invalidParameter("value", "the body must be {\"value\": \"...\"} with the value"
          + " that identifies the person");
    }
    return rights.lookup(value.asText()).toString();
  }

  @GetMapping("/subjects/{subjectId}/export")
  public String export(@PathVariable String subjectId) {
    return rights.export(subjectId, officer()).toString();
  }

  @PostMapping("/subjects/{subjectId}/erase")
  public String erase(@PathVariable String subjectId) {
    try {
      return rights.erase(subjectId, officer()).toString();
    } catch (IllegalStateException e) {
      // SubjectRights refuses a subject with running cases; their data is still needed.
      throw new ApiProblemException(HttpStatus.CONFLICT, "running_cases", "subjectId", e.getMessage(), e);
    }
  }

  @PostMapping("/tokens/{token}/resolve")
  public String resolve(@PathVariable String token) {
    return rights.resolve(token, officer()).toString();
  }

  private Actor officer() {
    return Actor.user(identityService.getCurrentAuthentication().getUserId(), null);
  }
}
