package org.auditrail.event;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the process was at the moment of an event: the deployed definition and the SHA-256 of its BPMN XML,
 * whose bytes are kept in the content store under that hash.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Snapshot(String processDefinitionId, String deploymentId, String bpmnResource, String bpmnSha256) {}
