package org.auditrail.bench;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder;

/**
 * The benchmark's workload: ten service tasks (nine on the small-amount path), exclusive and parallel gateways, and
 * one user task that the benchmark completes through the API.
 */
final class ReferenceProcess {

  static final String KEY = "benchReference";

  private ReferenceProcess() {}

  static BpmnModelInstance model() {
    AbstractFlowNodeBuilder<?, ?> flow = Bpmn.createExecutableProcess(KEY).camundaHistoryTimeToLive(1)
        .startEvent("received");
    for (int i = 1; i <= 4; i++) {
      flow = flow.serviceTask("enrich" + i).camundaExpression("${execution.setVariable('step" + i + "', " + i + ")}");
    }
    return flow.exclusiveGateway("amountCheck")
        .condition("large", "${amount > 1000}")
          .serviceTask("screenLarge").camundaExpression("${execution.setVariable('screened', true)}")
          .exclusiveGateway("merge")
          .parallelGateway("fork")
            .serviceTask("scoreA").camundaExpression("${true}")
            .serviceTask("scoreB").camundaExpression("${execution.setVariable('scoreB', 7)}")
            .parallelGateway("join")
            .serviceTask("summarise").camundaExpression("${execution.setVariable('summary', 'ok')}")
            .userTask("approve").name("Approve")
            .serviceTask("book").camundaExpression("${execution.setVariable('booked', true)}")
            .endEvent("done")
          .moveToNode("fork")
            .serviceTask("scoreC").camundaExpression("${true}")
            .serviceTask("scoreD").camundaExpression("${execution.setVariable('scoreD', 3)}")
            .connectTo("join")
        .moveToNode("amountCheck")
          .condition("small", "${amount <= 1000}")
          .connectTo("merge")
        .done();
  }
}
