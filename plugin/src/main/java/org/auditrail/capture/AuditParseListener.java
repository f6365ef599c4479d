package org.auditrail.capture;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.pvm.process.TransitionImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Adds the audit listeners to every deployed process as built-in listeners: they need no change to the model, and
 * they still run when Cockpit skips custom listeners during a process instance modification.
 */
final class AuditParseListener extends AbstractBpmnParseListener {

  private static final String[] TASK_EVENTS = {TaskListener.EVENTNAME_CREATE, TaskListener.EVENTNAME_ASSIGNMENT,
      TaskListener.EVENTNAME_COMPLETE, TaskListener.EVENTNAME_DELETE};

  private final TaskLifecycleListener taskListener;
  private final GatewayDecisionListener decisionListener;

  AuditParseListener(AuditRecorder recorder) {
    this.taskListener = new TaskLifecycleListener(recorder);
    this.decisionListener = new GatewayDecisionListener(recorder);
  }

  @Override
  public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
    TaskDefinition definition = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
    for (String event : TASK_EVENTS) {
      definition.addBuiltInTaskListener(event, taskListener);
    }
  }

  @Override
  public void parseSequenceFlow(Element sequenceFlowElement, ScopeImpl scope, TransitionImpl transition) {
    String sourceType = (String) transition.getSource().getProperty("type");
    boolean fromGateway = sourceType != null && sourceType.endsWith("Gateway");
    boolean conditional = transition.getProperty(BpmnParse.PROPERTYNAME_CONDITION_TEXT) != null;
    if (fromGateway || conditional) {
      transition.addBuiltInListener(ExecutionListener.EVENTNAME_TAKE, decisionListener);
    }
  }
}
