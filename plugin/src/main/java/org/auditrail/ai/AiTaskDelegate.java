package org.auditrail.ai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.langchain4j.invocation.InvocationParameters;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.auditrail.AuditLogger;
import org.auditrail.capture.RunningCommand;
import org.auditrail.event.Actor;
import org.auditrail.event.AiSnapshot;
import org.auditrail.event.EventContext;
import org.auditrail.event.EventJson;
import org.auditrail.event.Snapshot;
import org.auditrail.log.ContentBlob;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;

/**
 * Runs an AI task: renders the pinned prompt version from the process variables, lets the inventory's model
 * answer through a LangChain4j AI service (with the task's tools and retrieval index), and sets the output
 * variable. Every model call, tool call, retrieval and the decision are recorded as they happen. Refer to it in
 * BPMN as {@code camunda:delegateExpression="${auditAiTask}"}.
 */
public final class AiTaskDelegate implements JavaDelegate {

  private final AiTasks tasks;

  public AiTaskDelegate(AiTasks tasks) {
    this.tasks = tasks;
  }

  @Override
  public void execute(DelegateExecution execution) throws SQLException {
    ExecutionEntity entity = (ExecutionEntity) execution;
    AiTaskConfig config = configOf(entity);
    ProcessDefinitionEntity definition = (ProcessDefinitionEntity) entity.getProcessDefinition();
    ModelEntry model = tasks.inventory.find(config.model()).orElseThrow(() -> new AiConfigurationException(
        "AI task '" + execution.getCurrentActivityId() + "': model '" + config.model() + "' left the inventory"));
    PromptVersion prompt = tasks.prompts.find(config.prompt(), config.promptVersion()).orElseThrow(() ->
        new AiConfigurationException("AI task '" + execution.getCurrentActivityId() + "': prompt '"
            + config.prompt() + "' version " + config.promptVersion() + " is not published"));
    List<ToolDescriptor> tools = config.tools().stream().map(name -> tasks.tools.find(name).orElseThrow(() ->
        new AiConfigurationException("AI task '" + execution.getCurrentActivityId() + "': no tool '" + name + "'")))
        .toList();
    RetrievalIndex index = config.retrievalIndex() == null ? null : tasks.index(config.retrievalIndex()).orElseThrow(
        () -> new AiConfigurationException("AI task '" + execution.getCurrentActivityId() + "': no retrieval index '"
            + config.retrievalIndex() + "'"));

    AiSnapshot ai = new AiSnapshot(
        new AiSnapshot.Model(model.name(), model.provider(), model.modelId(),
            model.validationStatus() == null ? null : model.validationStatus().wireName()),
        new AiSnapshot.Prompt(prompt.id(), prompt.version(), prompt.sha256()),
        tools.isEmpty() ? null : tools.stream().map(ToolDescriptor::snapshot).toList(),
        index == null ? null : index.snapshot());
    RunningCommand command = RunningCommand.current().orElse(null);
    Snapshot base = command == null ? null : command.snapshotOf(execution.getProcessDefinitionId());
    Snapshot snapshot = (base != null ? base : new Snapshot(execution.getProcessDefinitionId(),
        definition.getDeploymentId(), definition.getResourceName(), null)).withAi(ai);
    Actor trigger = command != null ? command.actor() : Actor.system("process-engine", null);
    String parent = command == null ? null
        : command.commitStartAhead(execution.getActivityInstanceId(), tasks.log.dataSource());
    EventContext context = EventContext.builder()
        .processDefinition(definition.getId(), definition.getKey(), definition.getVersion())
        .processInstanceId(execution.getProcessInstanceId())
        .businessKey(execution.getProcessBusinessKey())
        .activity(execution.getCurrentActivityId(), execution.getCurrentActivityName(), "serviceTask")
        .activityInstanceId(execution.getActivityInstanceId())
        .executionId(execution.getId())
        .jobId(trigger.runId())
        .tenantId(execution.getTenantId())
        .build();
    List<ContentBlob> snapshotBlobs = new ArrayList<>();
    snapshotBlobs.add(ContentBlob.utf8(prompt.text(), PromptRegistry.MEDIA_TYPE));
    tools.forEach(tool -> snapshotBlobs.add(tool.schema()));
    if (index != null) {
      snapshotBlobs.add(index.manifest());
    }
    AiRun run = new AiRun(config, model, prompt, snapshot, snapshotBlobs, trigger, context,
        entity.getRootProcessInstanceId(), parent, tasks.log, tasks.inventory);

    String rendered = "";
    try {
      rendered = render(prompt, execution, command);
      String answer = tasks.assistant(model, tools, index).run(rendered, InvocationParameters.from(AiRun.KEY, run))
          .content();
      JsonNode value = output(config, answer, execution);
      run.decided(rendered, value, null, tasks.history);
      apply(config, value, execution);
    } catch (RuntimeException e) {
      run.decided(rendered, null, e, tasks.history);
      throw e;
    }
  }

  /** The prompt from the process variables, personal values replaced by their tokens: no model sees them. */
  private static String render(PromptVersion prompt, DelegateExecution execution, RunningCommand command) {
    Map<String, Object> variables = new LinkedHashMap<>();
    execution.getVariables().forEach((name, value) -> variables.put(name, command == null ? value
        : command.protect(execution.getProcessDefinitionId(), execution.getProcessInstanceId(), name, value)));
    try {
      return prompt.render(variables);
    } catch (IllegalArgumentException e) {
      throw new AiConfigurationException("AI task '" + execution.getCurrentActivityId() + "': prompt '"
          + prompt.label() + "' cannot be rendered from the process variables: " + e.getMessage());
    }
  }

  private AiTaskConfig configOf(ExecutionEntity execution) {
    ActivityImpl activity = execution.getActivity();
    Object parsed = activity.getProperty(AiTaskConfig.ACTIVITY_PROPERTY);
    if (parsed instanceof AiTaskConfig config) {
      return config;
    }
    // The engine runs without the AiPlugin: read (and check) the properties now rather than not at all.
    Map<String, String> properties = new LinkedHashMap<>();
    execution.getBpmnModelElementInstance().getExtensionElements().getElementsQuery()
        .filterByType(org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties.class).list()
        .forEach(list -> list.getCamundaProperties()
            .forEach(property -> properties.put(property.getCamundaName(), property.getCamundaValue())));
    AiTaskConfig config = AiTaskConfig.from(activity.getId(), properties);
    List<String> problems = tasks.problems(config,
        ((ProcessDefinitionEntity) execution.getProcessDefinition()).getKey());
    if (!problems.isEmpty()) {
      throw new AiConfigurationException(AiTaskConfig.describe(activity.getId(), problems));
    }
    return config;
  }

  /** The answer as the trail records it: the text, or for {@code json} the parsed object. */
  private static JsonNode output(AiTaskConfig config, String answer, DelegateExecution execution) {
    if (config.outputFormat() == AiTaskConfig.OutputFormat.TEXT) {
      return TextNode.valueOf(answer == null ? "" : answer);
    }
    String json = answer == null ? "" : answer.strip();
    if (json.startsWith("```")) {
      json = json.replaceFirst("^```[a-zA-Z]*\\s*", "").replaceFirst("\\s*```$", "");
    }
    try {
      JsonNode parsed = EventJson.mapper().readTree(json);
      if (parsed != null && parsed.isObject()) {
        return parsed;
      }
    } catch (JsonProcessingException e) {
      // reported below with the answer itself
    }
    String start = json.length() > 200 ? json.substring(0, 200) + "..." : json;
    throw new AiOutputException("AI task '" + execution.getCurrentActivityId() + "': " + AiTaskConfig.OUTPUT_FORMAT
        + " is json, but the model's answer is not a JSON object: " + start);
  }

  /**
   * Sets the output variable; for {@code json}, also each top-level text, number or boolean field as a variable of
   * its own name, so that gateways can decide on it.
   */
  private static void apply(AiTaskConfig config, JsonNode value, DelegateExecution execution) {
    if (!value.isObject()) {
      execution.setVariable(config.outputVariable(), value.asText());
      return;
    }
    execution.setVariable(config.outputVariable(), EventJson.canonical(value));
    List<String> names = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode node = field.getValue();
      if (node.isTextual()) {
        execution.setVariable(field.getKey(), node.asText());
      } else if (node.isIntegralNumber() && node.canConvertToLong()) {
        execution.setVariable(field.getKey(), node.asLong());
      } else if (node.isNumber()) {
        execution.setVariable(field.getKey(), node.asDouble());
      } else if (node.isBoolean()) {
        execution.setVariable(field.getKey(), node.asBoolean());
      } else {
        names.add(field.getKey());
      }
    }
    if (!names.isEmpty()) {
      AuditLogger.aiFieldsNotMapped(execution.getCurrentActivityId(), names);
    }
  }
}
