package org.auditrail.ai;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Builds the LangChain4j chat model of each inventory entry, once, with the {@link AuditChatModelListener}. Models
 * the application supplies itself are used as they are: AI tasks audit them through the AI-service listeners, which
 * need nothing from the model.
 */
final class ChatModels {

  private final Supplier<Map<String, ChatModel>> applicationModels;
  private final Supplier<List<ResponderRule>> offlineRules;
  private final Map<String, ChatModel> built = new ConcurrentHashMap<>();
  private final List<ChatModelListener> listeners = List.of(new AuditChatModelListener());

  ChatModels(Supplier<Map<String, ChatModel>> applicationModels, Supplier<List<ResponderRule>> offlineRules) {
    this.applicationModels = applicationModels;
    this.offlineRules = offlineRules;
  }

  ChatModel of(ModelEntry entry) {
    return built.computeIfAbsent(entry.name(), name -> build(entry));
  }

  /** Whether calls on the entry's model reach the {@link AuditChatModelListener}: true for the models built here. */
  boolean listensTo(ModelEntry entry) {
    return !"bean".equals(entry.provider());
  }

  /** Whether the provider of an entry can be built here, or else why not. */
  String unavailable(ModelEntry entry) {
    return switch (entry.provider()) {
      case "openai" -> classMissing("dev.langchain4j.model.openai.OpenAiChatModel", "langchain4j-open-ai");
      case "ollama" -> classMissing("dev.langchain4j.model.ollama.OllamaChatModel", "langchain4j-ollama");
      case "offline" -> null;
      case "bean" -> applicationModels.get().containsKey(entry.name()) ? null
          : "no ChatModel bean named '" + entry.name() + "' is defined";
      default -> "provider '" + entry.provider() + "' is not one of openai, ollama, offline, bean";
    };
  }

  private ChatModel build(ModelEntry entry) {
    String problem = unavailable(entry);
    if (problem != null) {
      throw new AiConfigurationException("model '" + entry.name() + "': " + problem);
    }
    return switch (entry.provider()) {
      case "openai" -> OpenAi.build(entry, listeners);
      case "ollama" -> Ollama.build(entry, listeners);
      case "offline" -> new RuleBasedChatModel(offlineRules.get(), listeners);
      default -> applicationModels.get().get(entry.name());
    };
  }

  /** Kept apart so that the class loads only when the optional dependency is there. */
  private static final class OpenAi {
    static ChatModel build(ModelEntry entry, List<ChatModelListener> listeners) {
      return OpenAiChatModel.builder()
          .baseUrl(entry.baseUrl())
          .apiKey(entry.apiKey())
          .modelName(entry.modelId())
          .temperature(entry.temperature())
          .maxTokens(entry.maxTokens())
          .timeout(entry.timeout())
          .maxRetries(entry.maxRetries())
          .listeners(listeners)
          .build();
    }
  }

  private static final class Ollama {
    static ChatModel build(ModelEntry entry, List<ChatModelListener> listeners) {
      return OllamaChatModel.builder()
          .baseUrl(entry.baseUrl())
          .modelName(entry.modelId())
          .temperature(entry.temperature())
          .numPredict(entry.maxTokens())
          .timeout(entry.timeout())
          .maxRetries(entry.maxRetries())
          .listeners(listeners)
          .build();
    }
  }

  private static String classMissing(String className, String artifact) {
    try {
      Class.forName(className, false, ChatModels.class.getClassLoader());
      return null;
    } catch (ClassNotFoundException e) {
      return "add dev.langchain4j:" + artifact + " to the application to use this provider";
    }
  }
}
