package org.auditrail.capture;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.auditrail.event.EventContext;
import org.auditrail.event.EventJson;
import org.auditrail.event.EventType;
import org.auditrail.event.JsonNumbers;
import org.auditrail.event.Snapshot;
import org.camunda.bpm.dmn.engine.DmnDecisionLogic;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionLiteralExpressionImpl;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableImpl;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableInputImpl;
import org.camunda.bpm.dmn.engine.impl.hitpolicy.HitPolicyEntry;
import org.camunda.bpm.engine.history.HistoricDecisionInputInstance;
import org.camunda.bpm.engine.history.HistoricDecisionOutputInstance;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.dmn.entity.repository.DecisionDefinitionEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricDecisionEvaluationEvent;
import org.camunda.bpm.engine.impl.history.event.HistoricDecisionInputInstanceEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricDecisionInstanceEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricDecisionOutputInstanceEntity;

/**
 * Records a DMN evaluation, as the engine's history reports it at level full: one {@code decision_evaluated} per
 * evaluated decision, the decision the caller asked for first and each decision it required (in a DRD) as its
 * child. Camunda's history keeps the inputs' values but not their expressions, nor the hit policy; those come from
 * the deployed decision, which never changes.
 */
final class DecisionEvaluationRecorder {

  private final AuditRecorder recorder;

  DecisionEvaluationRecorder(AuditRecorder recorder) {
    this.recorder = recorder;
  }

  void record(HistoricDecisionEvaluationEvent evaluation) {
    HistoricDecisionInstanceEntity root = evaluation.getRootHistoricDecisionInstance();
    ensureIds(evaluation);
    String traceId = traceOf(root);
    String rootEventId = decision(root, traceId, null);
    if (evaluation.getRequiredHistoricDecisionInstances() != null) {
      for (HistoricDecisionInstanceEntity required : evaluation.getRequiredHistoricDecisionInstances()) {
        decision(required, traceId, rootEventId);
      }
    }
  }

  /**
   * Gives the decision instances the ids the engine's own history handler would give them when it inserts them,
   * which runs after the custom handlers: the events must name the instances, and a decision evaluated outside a
   * process is traced by its id. The engine keeps an id that is already set, and the required decisions' root.
   */
  private static void ensureIds(HistoricDecisionEvaluationEvent evaluation) {
    HistoricDecisionInstanceEntity root = evaluation.getRootHistoricDecisionInstance();
    var ids = Context.getProcessEngineConfiguration().getIdGenerator();
    if (root.getId() == null) {
      root.setId(ids.getNextId());
    }
    if (evaluation.getRequiredHistoricDecisionInstances() != null) {
      for (HistoricDecisionInstanceEntity required : evaluation.getRequiredHistoricDecisionInstances()) {
        if (required.getId() == null) {
          required.setId(ids.getNextId());
        }
        required.setRootDecisionInstanceId(root.getId());
      }
    }
  }

  /**
   * A business rule task's decisions belong to its case; a decision evaluated through the {@code DecisionService}
   * (Java or REST) is a trace of its own, named after the decision instance the caller asked for.
   */
  private static String traceOf(HistoricDecisionInstanceEntity root) {
    if (root.getRootProcessInstanceId() != null) {
      return root.getRootProcessInstanceId();
    }
    return root.getProcessInstanceId() != null ? root.getProcessInstanceId() : root.getId();
  }

  /**
   * @param rootEventId the event of the decision that required this one, or {@code null} for that decision
   * @return the id of the recorded event, or {@code null} when a capture_failed event was recorded instead
   */
  private String decision(HistoricDecisionInstanceEntity decision, String traceId, String rootEventId) {
    String[] recordedId = new String[1];
    EventContext.Builder context = EventContext.builder()
        .processDefinition(decision.getProcessDefinitionId(), decision.getProcessDefinitionKey(),
            decision.getProcessDefinitionVersion())
        .processInstanceId(decision.getProcessInstanceId())
        .executionId(decision.getExecutionId())
        .activity(decision.getActivityId(), null, null)
        .activityInstanceId(decision.getActivityInstanceId())
        .tenantId(decision.getTenantId());
    recorder.record("decision " + decision.getDecisionDefinitionKey(), EventType.DECISION_EVALUATED, context,
        event -> {
          event.traceId = traceId;
          event.parentEventId = rootEventId;
          event.parentScope = rootEventId == null ? decision.getActivityInstanceId() : null;
          DecisionDefinitionEntity definition = Context.getProcessEngineConfiguration().getDeploymentCache()
              .findDeployedDecisionDefinitionById(decision.getDecisionDefinitionId());
          var decisionSnapshot = recorder.snapshots.ofDecision(decision.getDecisionDefinitionId(),
              Context.getCommandContext());
          event.snapshot = (event.snapshot != null ? event.snapshot : new Snapshot(null, null, null, null))
              .withDecision(decisionSnapshot);
          Values values = new Values(decision, traceId);
          event.input = inputs(decision, definition.getDecisionLogic(), values);
          event.output = outputs(decision, definition, values);
          if (decision.getRootDecisionInstanceId() != null) {
            event.metadata().put("root_decision_instance_id", decision.getRootDecisionInstanceId());
          }
          if (decision.getDecisionRequirementsDefinitionKey() != null) {
            event.metadata().put("decision_requirements_definition_key",
                decision.getDecisionRequirementsDefinitionKey());
          }
          // Last: a decision whose event could not be filled is recorded as capture_failed, with another id.
          recordedId[0] = event.eventId;
        });
    return recordedId[0];
  }

  private static ObjectNode inputs(HistoricDecisionInstanceEntity decision, DmnDecisionLogic logic, Values values) {
    Map<String, String> expressions = new HashMap<>();
    if (logic instanceof DmnDecisionTableImpl table) {
      for (DmnDecisionTableInputImpl input : table.getInputs()) {
        expressions.put(input.getId(), input.getExpression() == null ? null : input.getExpression().getExpression());
      }
    }
    ObjectNode node = EventJson.mapper().createObjectNode();
    ArrayNode inputs = node.putArray("inputs");
    for (HistoricDecisionInputInstance input : decision.getInputs()) {
      String expression = expressions.get(input.getClauseId());
      // An input's expression usually names the variable it reads, so a personal variable keeps its token here.
      String name = expression != null ? expression : input.getClauseName();
      ObjectNode recorded = inputs.addObject()
          .put("clause_id", input.getClauseId())
          .put("label", input.getClauseName())
          .put("expression", expression);
      recorded.set("value", values.of(VariableValues.Stored.of(name, (HistoricDecisionInputInstanceEntity) input)));
    }
    return node;
  }

  private static ObjectNode outputs(HistoricDecisionInstanceEntity decision, DecisionDefinitionEntity definition,
      Values values) {
    ObjectNode node = EventJson.mapper().createObjectNode()
        .put("decision_instance_id", decision.getId())
        .put("decision_definition_id", decision.getDecisionDefinitionId())
        .put("decision_definition_key", decision.getDecisionDefinitionKey())
        .put("decision_definition_version", definition.getVersion())
        .put("decision_definition_name", decision.getDecisionDefinitionName());
    DmnDecisionLogic logic = definition.getDecisionLogic();
    if (logic instanceof DmnDecisionTableImpl table) {
      HitPolicyEntry hitPolicy = table.getHitPolicyHandler().getHitPolicyEntry();
      node.put("decision_logic", "decision_table");
      node.put("hit_policy", hitPolicy.getHitPolicy().name());
      node.put("aggregator", hitPolicy.getAggregator() == null ? null : hitPolicy.getAggregator().name());
    } else if (logic instanceof DmnDecisionLiteralExpressionImpl literal) {
      node.put("decision_logic", "literal_expression");
      node.put("expression", literal.getExpression() == null ? null : literal.getExpression().getExpression());
    }
    // Camunda records an output per output entry of each matched rule, with the rule's place among the matches.
    Map<String, Integer> matchedRules = new LinkedHashMap<>();
    ArrayNode outputs = EventJson.mapper().createArrayNode();
    for (HistoricDecisionOutputInstance output : decision.getOutputs()) {
      if (output.getRuleId() != null) {
        matchedRules.putIfAbsent(output.getRuleId(), output.getRuleOrder());
      }
      ObjectNode recorded = outputs.addObject()
          .put("rule_id", output.getRuleId())
          .put("rule_order", output.getRuleOrder())
          .put("clause_id", output.getClauseId())
          .put("label", output.getClauseName())
          .put("name", output.getVariableName());
      recorded.set("value", values.of(VariableValues.Stored.of(output.getVariableName(),
          (HistoricDecisionOutputInstanceEntity) output)));
    }
    ArrayNode rules = node.putArray("matched_rules");
    matchedRules.forEach((ruleId, order) -> rules.addObject().put("rule_id", ruleId).put("rule_order", order));
    node.set("outputs", outputs);
    if (decision.getCollectResultValue() != null) {
      node.set("collect_result_value", JsonNumbers.of(decision.getCollectResultValue()));
    }
    return node;
  }

  /** Renders values like variable values: personal ones as tokens, large ones in the content store. */
  private final class Values {
    private final CommandAuditBuffer buffer = recorder.buffer("decision value");
    private final PersonalValues personal;

    Values(HistoricDecisionInstanceEntity decision, String traceId) {
      // Outside a process, the decision's own trace is the case its personal values belong to.
      String caseId = decision.getProcessInstanceId() != null ? decision.getProcessInstanceId() : traceId;
      this.personal = new PersonalValues(recorder.personalData(), decision.getProcessDefinitionId(), caseId);
    }

    ObjectNode of(VariableValues.Stored value) {
      return VariableValues.render(value, buffer, personal);
    }
  }
}
