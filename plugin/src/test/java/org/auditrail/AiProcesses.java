package org.auditrail;

import java.util.Map;

/** BPMN of a process with one AI task ({@code rateRisk}) followed by a booking step that fails on request. */
final class AiProcesses {

  private AiProcesses() {}

  /** {@code camunda:property} elements, indented for the templates' {@code camunda:properties}. */
  static String properties(Map<String, String> properties) {
    StringBuilder props = new StringBuilder();
    properties.forEach((name, value) -> props.append("          <camunda:property name=\"").append(name)
        .append("\" value=\"").append(value).append("\"/>\n"));
    return props.toString();
  }

  static String xml(String key, Map<String, String> properties) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="definitions" targetNamespace="urn:auditrail:test">
          <bpmn:process id="%s" isExecutable="true" camunda:historyTimeToLive="P30D">
            <bpmn:startEvent id="start"/>
            <bpmn:sequenceFlow id="toRate" sourceRef="start" targetRef="rateRisk"/>
            <bpmn:serviceTask id="rateRisk" name="Rate payment risk" camunda:asyncBefore="true"
                camunda:delegateExpression="${auditAiTask}">
              <bpmn:extensionElements>
                <camunda:properties>
        %s        </camunda:properties>
              </bpmn:extensionElements>
            </bpmn:serviceTask>
            <bpmn:sequenceFlow id="toBook" sourceRef="rateRisk" targetRef="book"/>
            <bpmn:serviceTask id="book" name="Book payment" camunda:expression="${failIf.check(execution)}"/>
            <bpmn:sequenceFlow id="toEnd" sourceRef="book" targetRef="end"/>
            <bpmn:endEvent id="end"/>
          </bpmn:process>
        </bpmn:definitions>
        """.formatted(key, properties(properties));
  }
}
