package org.auditrail.ai;

import dev.langchain4j.model.chat.ChatModel;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The models the processes may use (model risk management): who owns each, what for, for which process
 * definitions it is approved, and its validation status and date; plus what each model's tokens cost.
 */
public final class ModelInventory {

  private final Map<String, ModelEntry> entries = new LinkedHashMap<>();
  private final Map<String, ModelPrice> prices;
  private final ChatModels chatModels;

  ModelInventory(Collection<ModelEntry> entries, Map<String, ModelPrice> prices, ChatModels chatModels) {
    entries.forEach(entry -> this.entries.put(entry.name(), entry));
    this.prices = Map.copyOf(prices);
    this.chatModels = chatModels;
  }

  public Optional<ModelEntry> find(String name) {
    return Optional.ofNullable(entries.get(name));
  }

  public Collection<ModelEntry> entries() {
    return entries.values();
  }

  /** The price of a model id; empty when the table has none, which makes the cost unknown rather than zero. */
  public Optional<ModelPrice> priceOf(String modelId) {
    return Optional.ofNullable(modelId).map(prices::get);
  }

  public Optional<BigDecimal> cost(String modelId, Integer inputTokens, Integer outputTokens) {
    if (inputTokens == null || outputTokens == null) {
      return Optional.empty();
    }
    return priceOf(modelId).map(price -> price.cost(inputTokens, outputTokens));
  }

  /** Everything that stops a process definition from using a model configuration; empty when it may. */
  public List<String> problems(String name, String processDefinitionKey) {
    List<String> problems = new ArrayList<>();
    ModelEntry entry = entries.get(name);
    if (entry == null) {
      problems.add("model '" + name + "' is not in the model inventory (known: " + new TreeSet<>(entries.keySet())
          + ")");
      return problems;
    }
    if (!entry.isPinned()) {
      problems.add("model '" + name + "' names '" + entry.modelId() + "', which is not a pinned model id: an alias"
          + " such as 'latest' (or an Ollama name without a tag) can change under the process; name an exact"
          + " version");
    }
    if ("offline".equals(entry.provider()) && !RuleBasedChatModel.MODEL_ID.equals(entry.modelId())) {
      problems.add("model '" + name + "' uses the offline rule-based responder, whose model id is '"
          + RuleBasedChatModel.MODEL_ID + "', not '" + entry.modelId() + "'");
    }
    if (entry.validationStatus() != ModelEntry.ValidationStatus.APPROVED) {
      problems.add("model '" + name + "' has validation status '"
          + (entry.validationStatus() == null ? "none" : entry.validationStatus().wireName())
          + "'; only approved models may be used");
    }
    if (!entry.approvedFor().contains(processDefinitionKey)) {
      problems.add("model '" + name + "' is not approved for process '" + processDefinitionKey + "' (approved for: "
          + new TreeSet<>(entry.approvedFor()) + ")");
    }
    String unavailable = chatModels.unavailable(entry);
    if (unavailable != null) {
      problems.add("model '" + name + "': " + unavailable);
    }
    return problems;
  }

  boolean listensTo(ModelEntry entry) {
    return chatModels.listensTo(entry);
  }

  ChatModel chatModel(ModelEntry entry) {
    return chatModels.of(entry);
  }
}
