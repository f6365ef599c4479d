package org.auditrail.capture;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import org.auditrail.event.EventContext;
import org.auditrail.event.EventJson;
import org.auditrail.event.EventType;
import org.auditrail.store.ContentBlob;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;

/**
 * Records every new deployment and keeps each of its resources (BPMN, DMN, forms) in the content store under its
 * SHA-256, so that "which version of the workflow ran on January 12" has an answer long after redeployments.
 */
final class DeploymentRecorder implements Deployer {

  private final AuditRecorder recorder;

  DeploymentRecorder(AuditRecorder recorder) {
    this.recorder = recorder;
  }

  @Override
  public void deploy(DeploymentEntity deployment) {
    if (!deployment.isNew()) {
      return;
    }
    EventContext.Builder context = EventContext.builder()
        .deploymentId(deployment.getId())
        .tenantId(deployment.getTenantId());
    recorder.record("deployment " + deployment.getId(), EventType.DEPLOYMENT_CREATED, context, event -> {
      event.traceId = deployment.getId();
      CommandAuditBuffer buffer = recorder.buffer("deployment");
      ObjectNode output = EventJson.mapper().createObjectNode();
      output.put("name", deployment.getName());
      output.put("source", deployment.getSource());
      ArrayNode resources = output.putArray("resources");
      for (ResourceEntity resource : deployment.getResources().values()) {
        ObjectNode stored = buffer.store(ContentBlob.of(resource.getBytes(), mediaTypeOf(resource.getName())));
        stored.put("name", resource.getName());
        resources.add(stored);
      }
      ArrayNode definitions = output.putArray("process_definitions");
      for (ProcessDefinitionEntity definition : deployment.getDeployedArtifacts(ProcessDefinitionEntity.class)) {
        ResourceEntity resource = deployment.getResource(definition.getResourceName());
        String sha256 = ContentBlob.sha256Hex(resource.getBytes());
        recorder.snapshots.remember(definition.getId(), deployment.getId(), definition.getResourceName(), sha256);
        definitions.addObject()
            .put("id", definition.getId())
            .put("key", definition.getKey())
            .put("version", definition.getVersion())
            .put("resource", definition.getResourceName())
            .put("bpmn_sha256", sha256);
      }
      event.output = output;
    });
  }

  private static String mediaTypeOf(String resourceName) {
    String name = resourceName.toLowerCase(Locale.ROOT);
    if (name.endsWith(".bpmn") || name.endsWith(".bpmn20.xml") || name.endsWith(".dmn") || name.endsWith(".xml")) {
      return "application/xml";
    }
    if (name.endsWith(".form") || name.endsWith(".json")) {
      return "application/json";
    }
    if (name.endsWith(".html")) {
      return "text/html";
    }
    return "application/octet-stream";
  }
}
