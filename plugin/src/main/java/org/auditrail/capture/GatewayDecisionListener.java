package org.auditrail.capture;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.auditrail.event.EventContext;
import org.auditrail.event.EventJson;
import org.auditrail.event.EventType;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.camunda.bpm.engine.impl.pvm.PvmTransition;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.TransitionImpl;

/**
 * Records which outgoing sequence flow a gateway (or a conditional flow) took, with the condition expressions of
 * every alternative and the values of the variables the evaluated conditions read, so that why the case went this
 * way is answered by one event. The engine keeps no history of sequence flows, so this is a built-in "take" listener.
 */
final class GatewayDecisionListener implements ExecutionListener {

  private final AuditRecorder recorder;
  private final ConditionVariables conditionVariables = new ConditionVariables();

  GatewayDecisionListener(AuditRecorder recorder) {
    this.recorder = recorder;
  }

  @Override
  public void notify(DelegateExecution delegateExecution) {
    ExecutionEntity execution = (ExecutionEntity) delegateExecution;
    TransitionImpl taken = execution.getTransition();
    ActivityImpl source = taken.getSource();
    EventContext.Builder context = EventContext.builder()
        .processDefinition(execution.getProcessDefinitionId(), execution.getProcessDefinition().getKey(),
            execution.getProcessDefinition().getVersion())
        .processInstanceId(execution.getProcessInstanceId())
        .executionId(execution.getId())
        .activity(source.getId(), (String) source.getProperty("name"), (String) source.getProperty("type"))
        .tenantId(execution.getTenantId());
    recorder.record("sequence flow " + taken.getId(), EventType.GATEWAY_DECISION, context, event -> {
      event.traceId = execution.getRootProcessInstanceId();
      String gatewayInstance = recorder.buffer("gateway decision")
          .endedActivityInstance(execution.getProcessInstanceId(), source.getId());
      event.parentScope = gatewayInstance != null ? gatewayInstance : execution.getActivityInstanceId();
      ObjectNode input = EventJson.mapper().createObjectNode();
      ArrayNode alternatives = input.putArray("alternatives");
      for (PvmTransition outgoing : source.getOutgoingTransitions()) {
        alternatives.add(describe(outgoing, source));
      }
      input.set("variables", readVariables(execution, evaluated(source, taken)));
      event.input = input;
      event.output = describe(taken, source);
    });
  }

  private static ObjectNode describe(PvmTransition flow, ActivityImpl source) {
    ObjectNode description = EventJson.mapper().createObjectNode();
    description.put("sequence_flow_id", flow.getId());
    description.put("target_activity_id", flow.getDestination().getId());
    description.put("condition", (String) flow.getProperty(BpmnParse.PROPERTYNAME_CONDITION_TEXT));
    description.put("default", flow.getId().equals(source.getProperty("default")));
    return description;
  }

  /**
   * The flows whose conditions the engine evaluated: an exclusive gateway tries its flows in order and stops at the
   * first that holds (the default flow has no condition); other gateways and conditional flows try all of them.
   */
  private static List<PvmTransition> evaluated(ActivityImpl source, TransitionImpl taken) {
    List<PvmTransition> evaluated = new ArrayList<>();
    for (PvmTransition outgoing : source.getOutgoingTransitions()) {
      evaluated.add(outgoing);
      if ("exclusiveGateway".equals(source.getProperty("type")) && outgoing.getId().equals(taken.getId())) {
        break;
      }
    }
    return evaluated;
  }

  /** The values of the variables the conditions read, by name, rendered and tokenized like any variable's value. */
  private ObjectNode readVariables(ExecutionEntity execution, List<PvmTransition> flows) {
    ObjectNode variables = EventJson.mapper().createObjectNode();
    PersonalValues personal = new PersonalValues(recorder.personalData(), execution.getProcessDefinitionId(),
        execution.getProcessInstanceId());
    for (PvmTransition flow : flows) {
      for (String name : conditionVariables.of((String) flow.getProperty(BpmnParse.PROPERTYNAME_CONDITION_TEXT))) {
        // Other names (beans, execution, functions' namespaces) are not variables and say nothing of the case.
        if (!variables.has(name)
            && execution.getVariableInstance(name) instanceof VariableInstanceEntity variable) {
          variables.set(name, VariableValues.render(VariableValues.Stored.of(variable),
              recorder.buffer("gateway condition variable"), personal));
        }
      }
    }
    return variables;
  }
}
