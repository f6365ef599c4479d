package org.auditrail.ai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.util.Locale;

/**
 * How a LangChain4j chat call becomes the fields of a {@code model_call} event: the one mapping of the in-engine AI
 * task ({@link AiRun}) and of an external worker's recorder ({@code org.auditrail.worker}), so that a model call
 * reads the same wherever the model ran.
 */
public final class ModelCallFields {

  private ModelCallFields() {}

  /** The requested model (or the configured default) and the sampling parameters, as {@code gen_ai.request.*}. */
  public static void putRequest(ObjectNode metadata, ChatRequest request, String defaultModel) {
    ChatRequestParameters parameters = request.parameters();
    String requested = parameters == null || parameters.modelName() == null ? defaultModel : parameters.modelName();
    metadata.put(GenAiKeys.REQUEST_MODEL, requested);
    if (parameters != null) {
      metadata.put(GenAiKeys.REQUEST_TEMPERATURE, parameters.temperature());
      metadata.put(GenAiKeys.REQUEST_TOP_P, parameters.topP());
      metadata.put(GenAiKeys.REQUEST_MAX_TOKENS, parameters.maxOutputTokens());
    }
  }

  /** The answering model, the response id, finish reason and token usage, as {@code gen_ai.response.*, usage.*}. */
  public static void putResponse(ObjectNode metadata, ChatResponse response) {
    TokenUsage usage = response.tokenUsage();
    metadata.put(GenAiKeys.RESPONSE_MODEL, response.modelName());
    metadata.put(GenAiKeys.RESPONSE_ID, response.id());
    if (response.finishReason() != null) {
      metadata.putArray(GenAiKeys.RESPONSE_FINISH_REASONS)
          .add(response.finishReason().name().toLowerCase(Locale.ROOT));
    }
    metadata.put(GenAiKeys.USAGE_INPUT_TOKENS, usage == null ? null : usage.inputTokenCount());
    metadata.put(GenAiKeys.USAGE_OUTPUT_TOKENS, usage == null ? null : usage.outputTokenCount());
  }

  /** The number of messages sent and the names of the tools offered, beside the messages themselves. */
  public static void putRequestSummary(ObjectNode input, ChatRequest request) {
    input.put("message_count", request.messages().size());
    ChatRequestParameters parameters = request.parameters();
    if (parameters != null && parameters.toolSpecifications() != null) {
      ArrayNode offered = input.putArray("tools");
      parameters.toolSpecifications().forEach(tool -> offered.add(tool.name()));
    }
  }

  /** The tool calls the model asked for, by id and name. */
  public static void putToolCalls(ObjectNode output, AiMessage message) {
    if (message.hasToolExecutionRequests()) {
      ArrayNode calls = output.putArray("tool_calls");
      for (ToolExecutionRequest call : message.toolExecutionRequests()) {
        calls.addObject().put("id", call.id()).put("name", call.name());
      }
    }
  }
}
