package org.auditrail.ai;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.auditrail.capture.PersonalData;
import org.camunda.bpm.engine.BpmnParseException;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseUtil;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ProcessDefinitionImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Checks every AI task when its process is deployed, and refuses the deployment with a message that names the
 * element and the field: an unknown prompt or version, a missing or unapproved model, an unpinned model alias,
 * an unknown tool or index. The checked configuration is kept on the activity for the runs.
 */
final class AiTaskParseListener extends AbstractBpmnParseListener {

  private final AiTasks tasks;

  AiTaskParseListener(AiTasks tasks) {
    this.tasks = tasks;
  }

  /** Lets capture tokenize what the model declares personal, in every event of the process definition. */
  @SuppressWarnings("unchecked")
  private static void declarePersonal(ProcessDefinitionImpl definition, List<String> names) {
    if (names.isEmpty()) {
      return;
    }
    Object declared = definition.getProperty(PersonalData.DECLARED);
    Set<String> all = declared instanceof Set<?> known ? new HashSet<>((Set<String>) known) : new HashSet<>();
    all.addAll(names);
    definition.setProperty(PersonalData.DECLARED, Set.copyOf(all));
  }

  @Override
  public void parseServiceTask(Element element, ScopeImpl scope, ActivityImpl activity) {
    Map<String, String> properties = BpmnParseUtil.parseCamundaExtensionProperties(element);
    if (properties == null || !AiTaskConfig.isAiTask(properties)) {
      return;
    }
    String processKey = ((ProcessDefinitionEntity) activity.getProcessDefinition()).getKey();
    String where = activity.getId() + "' in process '" + processKey;
    AiTaskConfig config;
    try {
      config = AiTaskConfig.from(where, properties);
    } catch (AiConfigurationException e) {
      throw new BpmnParseException(e.getMessage(), element);
    }
    List<String> problems = tasks.problems(config, processKey);
    if (!problems.isEmpty()) {
      throw new BpmnParseException(AiTaskConfig.describe(where, problems), element);
    }
    activity.setProperty(AiTaskConfig.ACTIVITY_PROPERTY, config);
    declarePersonal(activity.getProcessDefinition(), config.personalVariables());
  }
}
