package org.auditrail.ai;

import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.observability.api.listener.AiServiceErrorListener;
import dev.langchain4j.observability.api.listener.AiServiceListener;
import dev.langchain4j.observability.api.listener.AiServiceRequestIssuedListener;
import dev.langchain4j.observability.api.listener.AiServiceResponseReceivedListener;
import dev.langchain4j.service.tool.BeforeToolExecution;
import dev.langchain4j.service.tool.ToolExecution;
import java.util.List;

/**
 * Hooks an AI task's AI service into the trail through LangChain4j's own listeners: the AI-service events for
 * every model call (so any {@code ChatModel} is audited as it is, without wrapping it) and the tool-execution
 * callbacks for every tool call and result.
 */
final class AiServiceRecorder {

  private final ToolCatalog tools;

  AiServiceRecorder(ToolCatalog tools) {
    this.tools = tools;
  }

  List<AiServiceListener<?>> listeners() {
    AiServiceRequestIssuedListener requested = event -> {
      AiRun run = AiRun.of(event.invocationContext());
      if (run != null) {
        run.modelRequested(effective(event.request(), event.invocationContext()));
      }
    };
    AiServiceResponseReceivedListener responded = event -> {
      AiRun run = AiRun.of(event.invocationContext());
      if (run != null) {
        run.modelResponded(effective(event.request(), event.invocationContext()), event.response());
      }
    };
    AiServiceErrorListener failed = event -> {
      AiRun run = AiRun.of(event.invocationContext());
      if (run != null) {
        run.modelFailed(event.error());
      }
    };
    return List.of(requested, responded, failed);
  }

  void beforeTool(BeforeToolExecution before) {
    AiRun run = AiRun.of(before.invocationContext());
    if (run != null) {
      run.toolCalled(before.request(), tools.find(before.request().name()).orElse(null));
    }
  }

  void afterTool(ToolExecution execution) {
    AiRun run = AiRun.of(execution.invocationContext());
    if (run != null) {
      run.toolReturned(execution.request(), tools.find(execution.request().name()).orElse(null),
          execution.result(), execution.hasFailed(), execution.duration().toMillis());
    }
  }

  /**
   * The request as the model receives it: the AI service's request over the model's default parameters (model
   * name, temperature, ...), which the model merges in only after the listeners have seen the request.
   */
  private static ChatRequest effective(ChatRequest request, InvocationContext invocation) {
    if (invocation.defaultRequestParameters() == null) {
      return request;
    }
    return ChatRequest.builder()
        .messages(request.messages())
        .parameters(invocation.defaultRequestParameters().overrideWith(request.parameters()))
        .build();
  }
}
