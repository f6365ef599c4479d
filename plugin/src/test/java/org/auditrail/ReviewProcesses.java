package org.auditrail;

import java.util.Map;

/**
 * BPMN of a process whose AI task {@code draft} (offline responder, prompt risk-rating, 1.0.0 unless told) writes a draft that the
 * user task {@code review} reviews, marked with the given review properties; the AI task sets the evidence variables
 * {@code draftEvidence*} for the review's form.
 */
final class ReviewProcesses {

  private ReviewProcesses() {}

  static String xml(String key, Map<String, String> reviewProperties) {
    return xml(key, "1.0.0", reviewProperties);
  }

  /** The same process with another version of the draft's prompt (1.0.0 and 1.1.0 are published). */
  static String xml(String key, String promptVersion, Map<String, String> reviewProperties) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="definitions" targetNamespace="urn:auditrail:test">
          <bpmn:process id="%s" isExecutable="true" camunda:historyTimeToLive="P30D">
            <bpmn:startEvent id="start"/>
            <bpmn:sequenceFlow id="toDraft" sourceRef="start" targetRef="draft"/>
            <bpmn:serviceTask id="draft" name="Draft risk rating" camunda:delegateExpression="${auditAiTask}">
              <bpmn:extensionElements>
                <camunda:properties>
                  <camunda:property name="ai.prompt" value="risk-rating"/>
                  <camunda:property name="ai.prompt-version" value="%s"/>
                  <camunda:property name="ai.model" value="draft-model"/>
                  <camunda:property name="ai.output-variable" value="riskAssessment"/>
                  <camunda:property name="ai.output-format" value="json"/>
                  <camunda:property name="ai.output-fields"
                      value="riskScore:number, riskLevel:low|medium|high, riskRationale:string"/>
                  <camunda:property name="ai.evidence-prefix" value="draftEvidence"/>
                </camunda:properties>
              </bpmn:extensionElements>
            </bpmn:serviceTask>
            <bpmn:sequenceFlow id="toReview" sourceRef="draft" targetRef="review"/>
            <bpmn:userTask id="review" name="Review risk rating" camunda:candidateGroups="reviewers">
              <bpmn:extensionElements>
                <camunda:properties>
        %s        </camunda:properties>
                <camunda:formData>
                  <camunda:formField id="riskScore" label="Risk score" type="long"/>
                  <camunda:formField id="riskLevel" label="Risk level" type="string"/>
                  <camunda:formField id="decision" label="Decision" type="string"/>
                  <camunda:formField id="reviewReason" label="Reason" type="string"/>
                </camunda:formData>
              </bpmn:extensionElements>
            </bpmn:userTask>
            <bpmn:sequenceFlow id="toEnd" sourceRef="review" targetRef="end"/>
            <bpmn:endEvent id="end"/>
          </bpmn:process>
        </bpmn:definitions>
        """.formatted(key, promptVersion, AiProcesses.properties(reviewProperties));
  }
}
