package org.auditrail.ai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.invocation.InvocationParameters;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.auditrail.capture.FreeText;
import org.auditrail.event.Actor;
import org.auditrail.event.AiSnapshot;
import org.auditrail.event.EventContext;
import org.auditrail.event.Snapshot;
import org.auditrail.store.ContentBlob;

/**
 * Lets a model write text outside any process, audited exactly like an AI task: the model must be in the inventory
 * and approved for the purpose, the prompt a published version, and every model call is recorded, followed by a
 * {@code decision} that holds the text.
 */
public final class AiGeneration {

  private final AiTasks tasks;

  public AiGeneration(AiTasks tasks) {
    this.tasks = tasks;
  }

  /**
   * @param purpose what the text is for, as the inventory's approvals name it (e.g. {@code compliance-report})
   * @param step the step of that purpose (e.g. {@code executive-summary}); with it, the agent's name
   * @param traceId the trace the events belong to (e.g. the report's id)
   */
  public GeneratedText write(String purpose, String step, String promptId, String promptVersion, String modelName,
      Map<String, Object> variables, Actor trigger, String traceId) {
    return generate(purpose, step, promptId, promptVersion, modelName, variables, trigger, traceId, null,
        AiTaskConfig.OutputFormat.TEXT, TextNode::valueOf);
  }

  /**
   * Like {@link #write(String, String, String, String, String, Map, Actor, String)}, for an answer that is checked
   * before it is recorded: the decision holds what {@code check} makes of the answer (such as the sentences that
   * survived a check), not the answer itself, which its {@code model_call} keeps.
   *
   * @param processInstanceId the case the text is about, or {@code null}; its events then belong to the case
   * @param check turns the model's answer into the decision's value; it treats the answer as hostile input
   */
  public GeneratedText write(String purpose, String step, String promptId, String promptVersion, String modelName,
      Map<String, Object> variables, Actor trigger, String traceId, String processInstanceId,
      Function<String, JsonNode> check) {
    return generate(purpose, step, promptId, promptVersion, modelName, variables, trigger, traceId,
        processInstanceId, AiTaskConfig.OutputFormat.JSON, check);
  }

  private GeneratedText generate(String purpose, String step, String promptId, String promptVersion,
      String modelName, Map<String, Object> variables, Actor trigger, String traceId, String processInstanceId,
      AiTaskConfig.OutputFormat format, Function<String, JsonNode> check) {
    List<String> problems = tasks.inventory.problems(modelName, purpose);
    if (!problems.isEmpty()) {
      throw new AiConfigurationException(purpose + " " + step + ": " + String.join("; ", problems));
    }
    ModelEntry model = tasks.inventory.find(modelName).orElseThrow();
    PromptVersion prompt = tasks.prompts.find(promptId, promptVersion).orElseThrow(() ->
        new AiConfigurationException(purpose + " " + step + ": prompt '" + promptId + "' version " + promptVersion
            + " is not published"));
    AiTaskConfig config = new AiTaskConfig(promptId, promptVersion, modelName, List.of(), null, step,
        format, OutputFields.NONE, List.of(), null);
    Snapshot snapshot = new Snapshot(null, null, null, null).withAi(new AiSnapshot(
        new AiSnapshot.Model(model.name(), model.provider(), model.modelId(),
            model.validationStatus() == null ? null : model.validationStatus().wireName()),
        new AiSnapshot.Prompt(prompt.id(), prompt.version(), prompt.sha256()), null, null));
    EventContext context = EventContext.builder().processDefinition(null, purpose, null)
        .processInstanceId(processInstanceId).activity(step, null, "generation").build();
    AiRun run = new AiRun(config, model, prompt, snapshot,
        List.of(ContentBlob.utf8(prompt.text(), PromptRegistry.MEDIA_TYPE)), trigger, context, traceId, null,
        tasks.log, tasks.inventory, FreeText.unchanged());
    String rendered = prompt.render(variables);
    try {
      String text = write(model, rendered, run);
      JsonNode value = check.apply(text);
      String decision = run.decided(rendered, value, null, null, tasks.history);
      return new GeneratedText(text, model.modelId(), model.provider(), prompt.label(), decision, value);
    } catch (RuntimeException e) {
      run.decided(rendered, null, null, e, tasks.history);
      throw e;
    }
  }

  /**
   * A model the inventory built is called directly, with the run as a listener attribute for the
   * {@link AuditChatModelListener}; the application's own models go through an AI service, whose listeners need
   * nothing from the model.
   */
  private String write(ModelEntry model, String prompt, AiRun run) {
    if (tasks.inventory.listensTo(model)) {
      return tasks.inventory.chatModel(model).chat(ChatRequest.builder().messages(UserMessage.from(prompt)).build(),
          ChatRequestOptions.builder().addListenerAttribute(AiRun.KEY, run).build()).aiMessage().text();
    }
    return tasks.assistant(model, List.of(), null).run(prompt, InvocationParameters.from(AiRun.KEY, run)).content();
  }
}
