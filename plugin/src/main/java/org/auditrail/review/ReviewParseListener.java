package org.auditrail.review;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.auditrail.ai.AiTaskConfig;
import org.camunda.bpm.engine.BpmnParseException;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseUtil;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Finds the user tasks that review an AI draft, checks their configuration when the process is deployed (the
 * reviewed AI task must exist in the same process), and adds the review rules to their completion.
 */
final class ReviewParseListener extends AbstractBpmnParseListener {

  /** The activity property holding a review task's {@link ReviewTaskConfig}. */
  static final String CONFIG = "auditrail.reviewTask";

  private final ReviewCompletion completion;
  private final List<ActivityImpl> parsed = new ArrayList<>();

  ReviewParseListener(ReviewCompletion completion) {
    this.completion = completion;
  }

  @Override
  public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
    Map<String, String> properties = BpmnParseUtil.parseCamundaExtensionProperties(element);
    if (properties == null || !ReviewTaskConfig.isReviewTask(properties)) {
      return;
    }
    try {
      activity.setProperty(CONFIG, ReviewTaskConfig.from(where(activity), properties));
    } catch (IllegalArgumentException e) {
      throw new BpmnParseException(e.getMessage(), element);
    }
    ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition()
        .addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, completion);
    synchronized (parsed) {
      parsed.add(activity);
    }
  }

  /** Once the whole process is parsed: every review task must name an AI task of its process. */
  @Override
  public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
    List<ActivityImpl> reviews;
    synchronized (parsed) {
      reviews = parsed.stream().filter(activity -> activity.getProcessDefinition() == processDefinition).toList();
      parsed.removeAll(reviews);
    }
    for (ActivityImpl review : reviews) {
      ReviewTaskConfig config = (ReviewTaskConfig) review.getProperty(CONFIG);
      ActivityImpl aiTask = processDefinition.findActivity(config.aiTask());
      if (aiTask == null || !(aiTask.getProperty(AiTaskConfig.ACTIVITY_PROPERTY) instanceof AiTaskConfig)) {
        throw new BpmnParseException(ReviewTaskConfig.describe(where(review), List.of(ReviewTaskConfig.AI_TASK
            + ": '" + config.aiTask() + "' is not an AI task of this process")), processElement);
      }
    }
  }

  private static String where(ActivityImpl activity) {
    return activity.getId() + "' in process '" + ((ProcessDefinitionEntity) activity.getProcessDefinition()).getKey();
  }
}
