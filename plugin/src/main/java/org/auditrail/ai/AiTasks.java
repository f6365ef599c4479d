package org.auditrail.ai;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.tool.DefaultToolExecutor;
import dev.langchain4j.service.tool.ToolExecutor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.auditrail.capture.DetachedEventLog;
import org.auditrail.store.AuditStore;
import org.auditrail.store.Transactions;

/**
 * Everything an AI task is checked against and runs with: the prompt registry, the model inventory, the tool
 * catalog and the retrieval indexes, plus where its events go.
 */
public final class AiTasks {

  final PromptRegistry prompts;
  final ModelInventory inventory;
  final ToolCatalog tools;
  private final Supplier<Map<String, RetrievalIndex>> indexes;
  final DetachedEventLog log;
  final Transactions transactions;
  final ToolLedger ledger;
  final AiTaskHistory history;
  private final AiServiceRecorder recorder;
  private final RetrievalRecorder retrievals = new RetrievalRecorder();
  private final Map<String, ContentRetriever> retrievers = new ConcurrentHashMap<>();

  private AiTasks(Builder builder) {
    this.log = builder.log;
    this.transactions = builder.store.transactions();
    this.prompts = new PromptRegistry(builder.store.transactions(), builder.store.contents());
    this.inventory = new ModelInventory(builder.models, builder.prices,
        new ChatModels(builder.applicationModels, builder.offlineRules));
    this.tools = builder.tools;
    this.indexes = builder.indexes;
    this.ledger = new ToolLedger(builder.store.transactions(), builder.store.contents());
    this.history = new AiTaskHistory(builder.store.transactions(), builder.store.contents());
    this.recorder = new AiServiceRecorder(tools);
  }

  /**
   * @param store the audit tables, where prompts, tool results and AI task configurations are kept
   * @param log where AI events are committed on their own
   */
  public static Builder builder(AuditStore store, DetachedEventLog log) {
    return new Builder(store, log);
  }

  public PromptRegistry prompts() {
    return prompts;
  }

  public ModelInventory inventory() {
    return inventory;
  }

  Optional<RetrievalIndex> index(String name) {
    return Optional.ofNullable(indexes.get().get(name));
  }

  /**
   * Everything that stops an AI task from being deployed in a process definition; empty when it is sound. Checked
   * when the process is deployed, so that a misconfigured task never reaches a running case.
   */
  public List<String> problems(AiTaskConfig config, String processDefinitionKey) {
    List<String> problems = new ArrayList<>();
    if (prompts.find(config.prompt(), config.promptVersion()).isEmpty()) {
      List<String> versions = prompts.versions(config.prompt());
      problems.add(versions.isEmpty()
          ? AiTaskConfig.PROMPT + ": no prompt '" + config.prompt() + "' is published"
          : AiTaskConfig.PROMPT_VERSION + ": prompt '" + config.prompt() + "' has no version "
              + config.promptVersion() + " (published: " + versions + ")");
    }
    inventory.problems(config.model(), processDefinitionKey)
        .forEach(problem -> problems.add(AiTaskConfig.MODEL + ": " + problem));
    for (String tool : config.tools()) {
      if (tools.find(tool).isEmpty()) {
        problems.add(AiTaskConfig.TOOLS + ": no tool '" + tool + "' is registered (registered: " + tools.names() + ")");
      }
    }
    if (config.retrievalIndex() != null && index(config.retrievalIndex()).isEmpty()) {
      problems.add(AiTaskConfig.RETRIEVAL_INDEX + ": no retrieval index '" + config.retrievalIndex()
          + "' is registered (registered: " + new TreeSet<>(indexes.get().keySet()) + ")");
    }
    return problems;
  }

  /** An AI service over the model, tools and index, whose every call, tool call and retrieval is recorded. */
  AiTaskAssistant assistant(ModelEntry model, List<ToolDescriptor> tools, RetrievalIndex index) {
    AiServices<AiTaskAssistant> service = AiServices.builder(AiTaskAssistant.class)
        .chatModel(inventory.chatModel(model))
        .registerListeners(recorder.listeners())
        .beforeToolExecution(recorder::beforeTool)
        .afterToolExecution(recorder::afterTool);
    if (!tools.isEmpty()) {
      Map<ToolSpecification, ToolExecutor> executors = new LinkedHashMap<>();
      for (ToolDescriptor tool : tools) {
        ToolExecutor tokenized = new TokenizedToolResults(new DefaultToolExecutor(tool.bean(), tool.method()));
        executors.put(tool.specification(), tool.sideEffects() ? new IdempotentToolExecutor(tool, tokenized, ledger)
            : tokenized);
      }
      service.tools(executors);
    }
    if (index != null) {
      service.contentRetriever(retrievers.computeIfAbsent(index.name(), name -> index.retriever(retrievals)));
    }
    return service.build();
  }

  /**
   * What AI tasks run with. Application beans (tools, indexes, models) are given as suppliers, asked once when
   * first needed, so that they may be created after the engine.
   */
  public static final class Builder {

    private final AuditStore store;
    private final DetachedEventLog log;
    private final List<ModelEntry> models = new ArrayList<>();
    private final Map<String, ModelPrice> prices = new HashMap<>();
    private ToolCatalog tools = new ToolCatalog();
    private Supplier<Map<String, RetrievalIndex>> indexes = Map::of;
    private Supplier<Map<String, ChatModel>> applicationModels = Map::of;
    private Supplier<List<ResponderRule>> offlineRules = List::of;

    private Builder(AuditStore store, DetachedEventLog log) {
      this.store = store;
      this.log = log;
    }

    /** Adds a model to the inventory, with the price of its tokens ({@code null}: unknown). */
    public Builder model(ModelEntry entry, ModelPrice price) {
      models.add(entry);
      if (price != null) {
        prices.put(entry.modelId(), price);
      }
      return this;
    }

    public Builder tools(ToolCatalog catalog) {
      this.tools = catalog;
      return this;
    }

    public Builder indexes(Supplier<Map<String, RetrievalIndex>> byName) {
      this.indexes = once(byName);
      return this;
    }

    /** The chat models of inventory entries with provider {@code bean}, by entry name. */
    public Builder applicationModels(Supplier<Map<String, ChatModel>> byName) {
      this.applicationModels = once(byName);
      return this;
    }

    /** The rules of the offline rule-based responder (provider {@code offline}). */
    public Builder offlineRules(Supplier<List<ResponderRule>> rules) {
      this.offlineRules = once(rules);
      return this;
    }

    public AiTasks build() {
      return new AiTasks(this);
    }

    private static <T> Supplier<T> once(Supplier<T> supplier) {
      return new Supplier<>() {
        private volatile T value;

        @Override
        public synchronized T get() {
          if (value == null) {
            value = supplier.get();
          }
          return value;
        }
      };
    }
  }
}
