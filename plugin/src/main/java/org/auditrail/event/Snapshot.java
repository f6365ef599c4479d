package org.auditrail.event;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the process and, for events of an AI task, the AI were at the moment of an event: the deployed definition
 * and the SHA-256 of its BPMN XML (whose bytes are kept in the content store under that hash), and the model,
 * prompt, tool and retrieval-index versions the AI task ran with; for an evaluated decision, the deployed DMN.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Snapshot(String processDefinitionId, String deploymentId, String bpmnResource, String bpmnSha256,
    AiSnapshot ai, DecisionSnapshot decision) {

  public Snapshot(String processDefinitionId, String deploymentId, String bpmnResource, String bpmnSha256) {
    this(processDefinitionId, deploymentId, bpmnResource, bpmnSha256, null, null);
  }

  public Snapshot(String processDefinitionId, String deploymentId, String bpmnResource, String bpmnSha256,
      AiSnapshot ai) {
    this(processDefinitionId, deploymentId, bpmnResource, bpmnSha256, ai, null);
  }

  public Snapshot withAi(AiSnapshot aiSnapshot) {
    return new Snapshot(processDefinitionId, deploymentId, bpmnResource, bpmnSha256, aiSnapshot, decision);
  }

  public Snapshot withDecision(DecisionSnapshot decisionSnapshot) {
    return new Snapshot(processDefinitionId, deploymentId, bpmnResource, bpmnSha256, ai, decisionSnapshot);
  }
}
