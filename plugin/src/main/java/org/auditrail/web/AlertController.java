package org.auditrail.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Optional;
import org.auditrail.alert.Alert;
import org.auditrail.alert.AlertRule;
import org.auditrail.alert.AlertRules;
import org.auditrail.alert.Alerts;
import org.auditrail.alert.InvalidRuleException;
import org.auditrail.alert.RuleDefinition;
import org.auditrail.event.EventJson;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/alerts}: the alert rules compliance manages and the alerts they raised (docs/api.md), for the groups
 * of {@code audit.alerts.groups}. Every change of a rule and every acknowledgement is an audit event.
 */
@RestController
@ProblemResponses
@RequestMapping(path = "/api/alerts", produces = MediaType.APPLICATION_JSON_VALUE)
public class AlertController {

  static final int MAX_REASON = 1000;

  private final AlertRules rules;
  private final Alerts alerts;
  private final IdentityService identityService;

  public AlertController(AlertRules rules, Alerts alerts, IdentityService identityService) {
    this.rules = rules;
    this.alerts = alerts;
    this.identityService = identityService;
  }

  @GetMapping("/rules")
  public String rules() {
    ObjectNode answer = EventJson.mapper().createObjectNode();
    ArrayNode list = answer.putArray("rules");
    rules.all().forEach(rule -> list.add(json(rule)));
    return answer.toString();
  }

  @PostMapping(path = "/rules", consumes = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<String> create(@RequestBody JsonNode body) {
    AlertRule rule = rules.create(definition(body), currentUser());
    return ResponseEntity.status(HttpStatus.CREATED).contentType(MediaType.APPLICATION_JSON)
        .header("Location", "/api/alerts/rules/" + rule.id()).body(json(rule).toString());
  }

  @PutMapping(path = "/rules/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
  public String update(@PathVariable String id, @RequestBody JsonNode body) {
    RuleDefinition definition = definition(body);
    return json(rules.update(id, definition, currentUser()).orElseThrow(() -> unknownRule(id))).toString();
  }

  @DeleteMapping("/rules/{id}")
  public ResponseEntity<Void> delete(@PathVariable String id) {
    if (!rules.delete(id, currentUser())) {
      throw unknownRule(id);
    }
    return ResponseEntity.noContent().build();
  }

  /**
   * {@code state} {@code open} or {@code acknowledged}, all alerts without it; {@code case} only those naming the
   * case (a process instance id). Newest first.
   */
  @GetMapping
  public String alerts(@RequestParam(required = false) String state,
      @RequestParam(name = "case", required = false) String caseId) {
    Optional<Alert.State> wanted = Optional.empty();
    if (state != null) {
      try {
        wanted = Optional.of(Alert.State.valueOf(state.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw ApiProblemException.invalidParameter("state", "state must be open or acknowledged, but was: " + state);
      }
    }
    ObjectNode answer = EventJson.mapper().createObjectNode();
    ArrayNode list = answer.putArray("alerts");
    if (caseId != null && !AuditConsoleController.CASE_ID.matcher(caseId).matches()) {
      throw ApiProblemException.invalidParameter("case", "case must be a process instance id (letters, digits and"
          + " :._- , at most 64 characters), but was: " + caseId);
    }
    (caseId == null ? alerts.list(wanted) : alerts.ofCase(caseId, wanted)).forEach(alert -> list.add(json(alert)));
    return answer.toString();
  }

  /** Body {@code {"reason": "..."}}: why the alert needs no more attention. */
  @PostMapping(path = "/{id}/acknowledge", consumes = MediaType.APPLICATION_JSON_VALUE)
  public String acknowledge(@PathVariable String id, @RequestBody JsonNode body) {
    JsonNode reason = body.path("reason");
    if (!reason.isTextual() || reason.asText().isBlank() || reason.asText().length() > MAX_REASON) {
      throw ApiProblemException.invalidParameter("reason", "reason is required: text of 1 to " + MAX_REASON
          + " characters saying why the alert needs no more attention");
    }
    Alert alert = alerts.find(id).orElseThrow(() -> unknownAlert(id));
    if (alert.state() != Alert.State.OPEN) {
      throw new ApiProblemException(HttpStatus.CONFLICT, "alert_acknowledged", "id", "alert " + id + " was"
          + " acknowledged by " + alert.acknowledgedBy() + " at " + alert.acknowledgedAt());
    }
    return json(alerts.acknowledge(id, currentUser(), reason.asText().strip()).orElseThrow(() -> unknownAlert(id)))
        .toString();
  }

  private static RuleDefinition definition(JsonNode body) {
    try {
      return RuleDefinition.parse(body);
    } catch (InvalidRuleException e) {
      throw ApiProblemException.invalidParameter(e.field(), e.getMessage());
    }
  }

  static ObjectNode json(AlertRule rule) {
    ObjectNode json = EventJson.mapper().createObjectNode().put("id", rule.id());
    json.setAll(rule.definition().toJson());
    return json.put("created_at", rule.createdAt().toString()).put("created_by", rule.createdBy())
        .put("updated_at", rule.updatedAt().toString()).put("updated_by", rule.updatedBy());
  }

  static ObjectNode json(Alert alert) {
    ObjectNode json = EventJson.mapper().createObjectNode().put("id", alert.id()).put("rule_id", alert.ruleId())
        .put("rule_name", alert.ruleName()).put("condition", alert.condition()).put("summary", alert.summary())
        .put("case", alert.traceId()).put("raised_at", alert.raisedAt().toString())
        .put("raised_event_id", alert.raisedEventId()).put("state", alert.state().name().toLowerCase(Locale.ROOT));
    alert.eventIds().forEach(json.putArray("event_ids")::add);
    if (alert.acknowledgedAt() != null) {
      json.putObject("acknowledged").put("by", alert.acknowledgedBy()).put("at", alert.acknowledgedAt().toString())
          .put("reason", alert.acknowledgement());
    }
    return json;
  }

  private String currentUser() {
    return identityService.getCurrentAuthentication().getUserId();
  }

  private static ApiProblemException unknownRule(String id) {
    return ApiProblemException.notFound("unknown_rule", "id", "there is no alert rule " + id);
  }

  private static ApiProblemException unknownAlert(String id) {
    return ApiProblemException.notFound("unknown_alert", "id", "there is no alert " + id);
  }
}
