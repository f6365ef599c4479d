package org.auditrail.event;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The deployed DMN a decision was evaluated with: which definition, from which deployment and resource, and the
 * SHA-256 of the resource's XML, whose bytes the content store keeps under that hash (as {@code bpmn_sha256}).
 *
 * @param decisionRequirementsDefinitionId the DRD the decision belongs to, when the resource has more than one
 *     decision
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DecisionSnapshot(String decisionDefinitionId, String decisionRequirementsDefinitionId,
    String deploymentId, String dmnResource, String dmnSha256) {}
