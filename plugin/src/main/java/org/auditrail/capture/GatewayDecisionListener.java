package org.auditrail.capture;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.auditrail.event.EventContext;
import org.auditrail.event.EventJson;
import org.auditrail.event.EventType;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.pvm.PvmTransition;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.TransitionImpl;

/**
 * Records which outgoing sequence flow a gateway (or a conditional flow) took, with the condition expressions of
 * every alternative. The engine keeps no history of sequence flows, so this is a built-in "take" listener.
 */
final class GatewayDecisionListener implements ExecutionListener {

  private final AuditRecorder recorder;

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
}
