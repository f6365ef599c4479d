package org.auditrail.capture;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.auditrail.event.DecisionSnapshot;
import org.auditrail.event.Snapshot;
import org.auditrail.store.ContentBlob;
import org.camunda.bpm.engine.impl.dmn.entity.repository.DecisionDefinitionEntity;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;

/**
 * The snapshot of each process definition: its deployment and the SHA-256 of its BPMN XML; and of each decision
 * definition, with the SHA-256 of its DMN XML. Deployed definitions never change, so each is computed once per node,
 * from the engine's own stored resource.
 */
final class DefinitionSnapshots {

  private final Map<String, Snapshot> byDefinitionId = new ConcurrentHashMap<>();
  private final Map<String, DecisionSnapshot> byDecisionDefinitionId = new ConcurrentHashMap<>();

  Snapshot of(String processDefinitionId, CommandContext commandContext) {
    if (processDefinitionId == null) {
      return null;
    }
    Snapshot known = byDefinitionId.get(processDefinitionId);
    if (known != null) {
      return known;
    }
    ProcessDefinitionEntity definition = commandContext.getProcessEngineConfiguration().getDeploymentCache()
        .findDeployedProcessDefinitionById(processDefinitionId);
    ResourceEntity resource = commandContext.getResourceManager()
        .findResourceByDeploymentIdAndResourceName(definition.getDeploymentId(), definition.getResourceName());
    Snapshot snapshot = new Snapshot(processDefinitionId, definition.getDeploymentId(),
        definition.getResourceName(), resource == null ? null : ContentBlob.sha256Hex(resource.getBytes()));
    byDefinitionId.put(processDefinitionId, snapshot);
    return snapshot;
  }

  void remember(String processDefinitionId, String deploymentId, String resourceName, String sha256) {
    byDefinitionId.put(processDefinitionId, new Snapshot(processDefinitionId, deploymentId, resourceName, sha256));
  }

  DecisionSnapshot ofDecision(String decisionDefinitionId, CommandContext commandContext) {
    return byDecisionDefinitionId.computeIfAbsent(decisionDefinitionId, id -> {
      DecisionDefinitionEntity definition = commandContext.getProcessEngineConfiguration().getDeploymentCache()
          .findDeployedDecisionDefinitionById(id);
      ResourceEntity resource = commandContext.getResourceManager()
          .findResourceByDeploymentIdAndResourceName(definition.getDeploymentId(), definition.getResourceName());
      return new DecisionSnapshot(id, definition.getDecisionRequirementsDefinitionId(),
          definition.getDeploymentId(), definition.getResourceName(),
          resource == null ? null : ContentBlob.sha256Hex(resource.getBytes()));
    });
  }
}
