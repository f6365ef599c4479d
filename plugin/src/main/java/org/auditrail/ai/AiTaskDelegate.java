package org.auditrail.ai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.langchain4j.invocation.InvocationParameters;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.auditrail.AuditLogger;
import org.auditrail.capture.FreeText;
import org.auditrail.capture.RunningCommand;
import org.auditrail.event.Actor;
import org.auditrail.event.AiSnapshot;
import org.auditrail.event.EventContext;
import org.auditrail.event.EventJson;
import org.auditrail.event.Snapshot;
import org.auditrail.store.ContentBlob;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;

/**
 * Runs an AI task: renders the pinned prompt version from the process variables, lets the inventory's model
 * answer through a LangChain4j AI service (with the task's tools and retrieval index), and sets the output
 * variable (for {@code json}, also the declared {@code ai.output-fields}, checked, and nothing else; with
 * {@code ai.evidence-prefix}, also what the answer rests on, for the reviewer's form). Every model
 * call, tool call, retrieval and the decision are recorded as they happen. Refer to it in BPMN as
 * {@code camunda:delegateExpression="${auditAiTask}"}.
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
        : command.commitStartAhead(entity.getRootProcessInstanceId(), execution.getActivityInstanceId(),
            tasks.transactions);
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
    FreeText freeText = command == null ? FreeText.unchanged() : command.freeTextOf(execution.getProcessInstanceId());
    AiRun run = new AiRun(config, model, prompt, snapshot, snapshotBlobs, trigger, context,
        entity.getRootProcessInstanceId(), parent, tasks.log, tasks.inventory, freeText);

    String rendered = "";
    try {
      rendered = render(prompt, execution, command);
      String answer = tasks.assistant(model, tools, index).run(rendered, InvocationParameters.from(AiRun.KEY, run))
          .content();
      JsonNode value = output(config, answer, execution);
      if (config.outputFormat() == AiTaskConfig.OutputFormat.TEXT) {
        run.decided(rendered, recorded(config, value, execution, command), null, null, tasks.history);
        execution.setVariable(config.outputVariable(), value.asText());
      } else {
        OutputFields.Accepted accepted = config.outputFields().accept(execution.getCurrentActivityId(),
            (ObjectNode) value);
        run.decided(rendered, recorded(config, accepted.values(), execution, command), accepted.ignoredFields(),
            null, tasks.history);
        apply(config, accepted, execution);
      }
    } catch (RuntimeException e) {
      run.decided(rendered, null, null, e, tasks.history);
      throw e;
    }
    if (config.evidencePrefix() != null) {
      run.evidence.variables(config.evidencePrefix(), model, prompt).forEach(execution::setVariable);
    }
  }

  /**
   * The prompt from the process variables, personal values and fields replaced by their tokens, and then the case's
   * known personal values in the whole text: no model sees them, and the rendered prompt recorded is what was sent.
   */
  private static String render(PromptVersion prompt, DelegateExecution execution, RunningCommand command) {
    if (command == null) {
      return renderFrom(prompt, execution, execution.getVariables());
    }
    Map<String, Object> variables = new LinkedHashMap<>();
    execution.getVariables().forEach((name, value) -> variables.put(name,
        command.protect(execution.getProcessDefinitionId(), execution.getProcessInstanceId(), name, value)));
    return command.freeTextOf(execution.getProcessInstanceId()).text(renderFrom(prompt, execution, variables));
  }

  /** The answer as the decision records it: tokenized like the output variable's own event. */
  private static JsonNode recorded(AiTaskConfig config, JsonNode value, DelegateExecution execution,
      RunningCommand command) {
    return command == null ? value : command.protect(execution.getProcessDefinitionId(),
        execution.getProcessInstanceId(), config.outputVariable(), value);
  }

  private static String renderFrom(PromptVersion prompt, DelegateExecution execution, Map<String, Object> variables) {
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
      // A field named twice would let two readers of the same answer see different values.
      JsonNode parsed = EventJson.mapper().reader().with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).readTree(json);
      if (parsed != null && parsed.isObject()) {
        return parsed;
      }
    } catch (JsonProcessingException e) {
      if (e.getOriginalMessage().startsWith("Duplicate field")) {
        throw new AiOutputException("AI task '" + execution.getCurrentActivityId() + "': " + AiTaskConfig.OUTPUT_FORMAT
            + " is json, but the model's answer names a field twice");
      }
      // otherwise reported below with the answer itself
    }
    String start = json.length() > 200 ? json.substring(0, 200) + "..." : json;
    throw new AiOutputException("AI task '" + execution.getCurrentActivityId() + "': " + AiTaskConfig.OUTPUT_FORMAT
        + " is json, but the model's answer is not a JSON object: " + start);
  }

  /**
   * Sets the output variable to the canonical JSON of the declared fields, and each declared field as a variable
   * of its own name, so that gateways can decide on it. The answer's other fields set nothing: they may be a prompt
   * injection's attempt to overwrite variables such as a sanctions flag or a reviewer's decision.
   */
  private static void apply(AiTaskConfig config, OutputFields.Accepted accepted, DelegateExecution execution) {
    execution.setVariable(config.outputVariable(), EventJson.canonical(accepted.values()));
    accepted.variables().forEach(execution::setVariable);
    if (!accepted.ignoredFields().isEmpty()) {
      AuditLogger.aiFieldsIgnored(execution.getCurrentActivityId(), execution.getProcessInstanceId(),
          EventJson.canonical(EventJson.mapper().valueToTree(accepted.ignoredFields())));
    }
  }
}
