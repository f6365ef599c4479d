package org.auditrail.ai;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.util.List;

/**
 * The offline default: not a language model, but a deterministic responder that applies the application's
 * {@link ResponderRule}s. It says what it is in its model id, which every event of a call to it carries, so no
 * reader mistakes its output for a model's. Token counts are whitespace-separated words.
 */
public final class RuleBasedChatModel implements ChatModel {

  /** The model id of every response; versioned, since the rules' behaviour is part of what was recorded. */
  public static final String MODEL_ID = "auditrail-rule-based-responder-v1";

  private final List<ResponderRule> rules;

  private final List<ChatModelListener> listeners;

  public RuleBasedChatModel(List<ResponderRule> rules, List<ChatModelListener> listeners) {
    this.rules = List.copyOf(rules);
    this.listeners = List.copyOf(listeners);
  }

  @Override
  public List<ChatModelListener> listeners() {
    return listeners;
  }

  @Override
  public ChatResponse doChat(ChatRequest request) {
    AiMessage answer = rules.stream()
        .map(rule -> rule.respond(request))
        .flatMap(java.util.Optional::stream)
        .findFirst()
        .orElseGet(() -> AiMessage.from("The offline rule-based responder has no rule for this request."));
    return ChatResponse.builder()
        .aiMessage(answer)
        .modelName(MODEL_ID)
        .finishReason(answer.hasToolExecutionRequests() ? FinishReason.TOOL_EXECUTION : FinishReason.STOP)
        .tokenUsage(new TokenUsage(words(request.messages()), words(answer.text())))
        .build();
  }

  private static int words(List<ChatMessage> messages) {
    int count = 0;
    for (ChatMessage message : messages) {
      count += words(textOf(message));
    }
    return count;
  }

  static String textOf(ChatMessage message) {
    if (message instanceof UserMessage user) {
      return user.hasSingleText() ? user.singleText() : "";
    }
    if (message instanceof SystemMessage system) {
      return system.text();
    }
    if (message instanceof AiMessage ai) {
      return ai.text();
    }
    return message instanceof ToolExecutionResultMessage result ? result.text() : "";
  }

  private static int words(String text) {
    return text == null || text.isBlank() ? 0 : text.trim().split("\\s+").length;
  }
}
