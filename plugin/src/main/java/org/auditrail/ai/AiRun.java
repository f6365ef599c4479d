package org.auditrail.ai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessageSerializer;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.auditrail.capture.DetachedEventLog;
import org.auditrail.capture.FreeText;
import org.auditrail.event.Actor;
import org.auditrail.event.ActorType;
import org.auditrail.event.AuditEvent;
import org.auditrail.event.EventContext;
import org.auditrail.event.EventError;
import org.auditrail.event.EventIds;
import org.auditrail.event.EventJson;
import org.auditrail.event.EventType;
import org.auditrail.event.JsonNumbers;
import org.auditrail.event.Outcome;
import org.auditrail.event.Snapshot;
import org.auditrail.store.ContentBlob;

/**
 * One execution of an AI task, and the events it leaves: every model call, tool call and result, retrieval, and
 * the decision, each a child of the task's activity start event, with the AI snapshot, and committed as it happens.
 * LangChain4j's listeners find the run in the AI service's invocation parameters.
 */
final class AiRun {

  /** The invocation parameter (and chat listener attribute) that carries the run. */
  static final String KEY = "auditrail.ai-run";

  private static final String JSON = "application/json";
  private static final String TEXT = "text/plain; charset=utf-8";

  final String runId = EventIds.next();
  final AiTaskConfig config;
  final ModelEntry model;
  final PromptVersion prompt;
  final Snapshot snapshot;
  private final Actor agent;
  private final Actor trigger;
  private final EventContext context;
  private final String traceId;
  private final String parentEventId;
  private final DetachedEventLog log;
  private final ModelInventory inventory;
  /** The case's free text as it may be recorded; the process itself gets the real answer. */
  private final FreeText freeText;

  private long requestStartedNanos;
  private ChatRequest pendingRequest;
  private int modelCalls;
  private int toolCalls;
  private int inputTokens;
  private int outputTokens;
  private BigDecimal cost = BigDecimal.ZERO;
  private boolean costUnknown;
  /** What the AI snapshot's hashes refer to, written with the run's first event. */
  private final List<ContentBlob> snapshotBlobs = new ArrayList<>();
  private final Map<String, String> toolCallEvents = new HashMap<>();
  private final Set<String> replayedToolCalls = new HashSet<>();
  /** What the answer rests on, for the reviewer's form. */
  final AiEvidence evidence = new AiEvidence();

  AiRun(AiTaskConfig config, ModelEntry model, PromptVersion prompt, Snapshot snapshot, List<ContentBlob> snapshotBlobs,
      Actor trigger, EventContext context, String traceId, String parentEventId, DetachedEventLog log,
      ModelInventory inventory, FreeText freeText) {
    this.snapshotBlobs.addAll(snapshotBlobs);
    this.config = config;
    this.model = model;
    this.prompt = prompt;
    this.snapshot = snapshot;
    this.agent = new Actor(ActorType.AGENT, context.processDefinitionKey() + ":" + context.activityId(), runId);
    this.trigger = trigger;
    this.context = context;
    this.traceId = traceId;
    this.parentEventId = parentEventId;
    this.log = log;
    this.inventory = inventory;
    this.freeText = freeText;
  }

  static AiRun of(InvocationContext invocation) {
    return invocation == null ? null : invocation.invocationParameters().get(KEY);
  }

  EventContext context() {
    return context;
  }

  /** The case's free text as it may be recorded or sent to the model. */
  FreeText freeText() {
    return freeText;
  }

  synchronized void modelRequested(ChatRequest request) {
    requestStartedNanos = System.nanoTime();
    pendingRequest = request;
  }

  /** Records a model call that returned. */
  synchronized void modelResponded(ChatRequest request, ChatResponse response) {
    long latency = elapsedMs();
    pendingRequest = null;
    List<ContentBlob> blobs = new ArrayList<>();
    ObjectNode metadata = modelMetadata(request);
    ModelCallFields.putResponse(metadata, response);
    TokenUsage usage = response.tokenUsage();
    Integer in = usage == null ? null : usage.inputTokenCount();
    Integer out = usage == null ? null : usage.outputTokenCount();
    String responseModel = response.modelName();
    metadata.put(GenAiKeys.LATENCY_MS, latency);
    putCost(metadata, responseModel != null ? responseModel : model.modelId(), in, out);
    inputTokens += in == null ? 0 : in;
    outputTokens += out == null ? 0 : out;

    AiMessage message = response.aiMessage();
    ObjectNode output = EventJson.mapper().createObjectNode();
    output.set("message", reference(ContentBlob.utf8(freeText.jsonText(ChatMessageSerializer.messageToJson(message)),
        JSON), blobs));
    ModelCallFields.putToolCalls(output, message);
    append(EventType.MODEL_CALL, modelInput(request, blobs), output, metadata, Outcome.SUCCESS, null, blobs);
  }

  /** Records the model call that was under way when the AI service failed, if one was. */
  synchronized void modelFailed(Throwable error) {
    ChatRequest request = pendingRequest;
    if (request == null) {
      return;
    }
    long latency = elapsedMs();
    pendingRequest = null;
    List<ContentBlob> blobs = new ArrayList<>();
    ObjectNode metadata = modelMetadata(request);
    String type = ModelErrors.type(error);
    metadata.put(GenAiKeys.ERROR_TYPE, type);
    metadata.put(GenAiKeys.LATENCY_MS, latency);
    metadata.put(GenAiKeys.COST_STATUS, "unknown");
    append(EventType.MODEL_CALL, modelInput(request, blobs), null, metadata, Outcome.ERROR,
        new EventError(type, ModelErrors.describe(error)), blobs);
    costUnknown = true;
  }

  synchronized void toolCalled(ToolExecutionRequest request, ToolDescriptor tool) {
    List<ContentBlob> blobs = new ArrayList<>();
    ObjectNode input = EventJson.mapper().createObjectNode();
    input.set("arguments", reference(ContentBlob.utf8(freeText.jsonText(request.arguments()), JSON), blobs));
    ObjectNode metadata = toolMetadata(request, tool);
    if (tool != null && tool.sideEffects()) {
      metadata.put(GenAiKeys.TOOL_IDEMPOTENCY_KEY, idempotencyKey(request));
    }
    toolCalls++;
    String eventId = append(EventType.TOOL_CALL, input, null, metadata, Outcome.SUCCESS, null, blobs);
    toolCallEvents.put(request.id(), eventId);
  }

  synchronized void toolReturned(ToolExecutionRequest request, ToolDescriptor tool, String result, boolean failed,
      long latencyMs) {
    List<ContentBlob> blobs = new ArrayList<>();
    ObjectNode output = EventJson.mapper().createObjectNode();
    output.set("result", reference(ContentBlob.utf8(result == null ? "" : freeText.text(result), TEXT), blobs));
    ObjectNode metadata = toolMetadata(request, tool);
    metadata.put(GenAiKeys.LATENCY_MS, latencyMs);
    if (replayedToolCalls.contains(request.id())) {
      metadata.put(GenAiKeys.TOOL_REPLAYED, true);
    }
    ObjectNode input = EventJson.mapper().createObjectNode().put("tool_call_event_id", toolCallEvents.get(request.id()));
    evidence.toolResult(request.name(), freeText.jsonText(request.arguments()),
        result == null ? "" : freeText.text(result));
    append(EventType.TOOL_RESULT, input, output, metadata, failed ? Outcome.ERROR : Outcome.SUCCESS,
        failed ? new EventError("tool_error", freeText.text(result)) : null, blobs);
  }

  synchronized void toolReplayed(ToolExecutionRequest request) {
    replayedToolCalls.add(request.id());
  }

  synchronized String toolCallEventOf(ToolExecutionRequest request) {
    return toolCallEvents.get(request.id());
  }

  /**
   * The key of one side-effecting call: the same process instance, task, job (or activity instance, when the
   * task does not run as a job), tool and arguments give the same key, so a retried job replays the call.
   */
  String idempotencyKey(ToolExecutionRequest request) {
    String attempt = context.jobId() != null ? "job:" + context.jobId() : "activity:" + context.activityInstanceId();
    String arguments = canonicalArguments(request.arguments());
    return ContentBlob.sha256Hex(String.join("\n", context.processInstanceId(), context.activityId(), attempt,
        request.name(), arguments).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  synchronized void retrieved(RetrievalIndex index, String query, List<Content> contents, long latencyMs,
      Throwable error) {
    List<ContentBlob> blobs = new ArrayList<>();
    ObjectNode input = EventJson.mapper().createObjectNode();
    input.set("query", reference(ContentBlob.utf8(freeText.text(query), TEXT), blobs));
    input.put("index", index.name());
    ObjectNode output = null;
    if (contents != null) {
      output = EventJson.mapper().createObjectNode();
      ArrayNode segments = output.putArray("segments");
      for (Content content : contents) {
        TextSegment segment = content.textSegment();
        ObjectNode entry = reference(ContentBlob.utf8(segment.text(), TEXT), blobs);
        Object score = content.metadata().get(ContentMetadata.SCORE);
        if (score instanceof Number number) {
          // A NaN score (an embedding of zeros) is kept as its text: canonical JSON has no form for it.
          entry.set("score", JsonNumbers.of(number.doubleValue()));
        }
        entry.put("document", segment.metadata().getString(RetrievalIndex.DOCUMENT));
        entry.put("document_sha256", segment.metadata().getString(RetrievalIndex.DOCUMENT_SHA256));
        segments.add(entry);
        evidence.source(segment.metadata().getString(RetrievalIndex.DOCUMENT), freeText.text(segment.text()),
            score instanceof Number value ? value.doubleValue() : null);
      }
    }
    ObjectNode metadata = baseMetadata("retrieval");
    metadata.put(GenAiKeys.RETRIEVAL_INDEX, index.name());
    metadata.put(GenAiKeys.RETRIEVAL_INDEX_SNAPSHOT, index.snapshotId());
    metadata.put(GenAiKeys.LATENCY_MS, latencyMs);
    String type = error == null ? null : ModelErrors.type(error);
    append(EventType.RETRIEVAL, input, output, metadata, error == null ? Outcome.SUCCESS : Outcome.ERROR,
        error == null ? null : new EventError(type, ModelErrors.describe(error)), blobs);
  }

  /**
   * Records what the task produced (or why it produced nothing), with the totals of the run and the change of
   * configuration since the task's previous run.
   *
   * @param value the output: the text, or the declared fields of a json answer
   * @param ignoredFields the names of a json answer's undeclared fields, which set no variable; {@code null} for text
   */
  synchronized String decided(String renderedPrompt, JsonNode value, List<String> ignoredFields, Throwable error,
      AiTaskHistory history) {
    String eventId = EventIds.next();
    ObjectNode change = history.changeSince(context.processDefinitionKey(), context.activityId(), snapshot.ai(),
        eventId);
    List<ContentBlob> blobs = new ArrayList<>();
    ObjectNode input = EventJson.mapper().createObjectNode();
    input.set("prompt", reference(ContentBlob.utf8(freeText.text(renderedPrompt), TEXT), blobs));
    ObjectNode output = null;
    if (value != null) {
      output = EventJson.mapper().createObjectNode();
      output.put("variable", config.outputVariable());
      output.put("format", config.outputFormat().name().toLowerCase(java.util.Locale.ROOT));
      output.set("value", freeText.json(value));
    }
    ObjectNode metadata = baseMetadata("invoke_agent");
    metadata.put("auditrail.model_calls", modelCalls);
    metadata.put("auditrail.tool_calls", toolCalls);
    metadata.put(GenAiKeys.USAGE_INPUT_TOKENS, inputTokens);
    metadata.put(GenAiKeys.USAGE_OUTPUT_TOKENS, outputTokens);
    if (costUnknown) {
      metadata.put(GenAiKeys.COST_STATUS, "unknown");
    } else {
      metadata.put(GenAiKeys.COST_STATUS, "known");
      metadata.put(GenAiKeys.COST_AMOUNT, cost);
      inventory.priceOf(model.modelId()).ifPresent(price -> metadata.put(GenAiKeys.COST_CURRENCY, price.currency()));
    }
    if (ignoredFields != null) {
      // Names only: the values may be attacker-written, and the whole answer is in the model_call by its hash.
      ignoredFields.forEach(metadata.putArray(GenAiKeys.OUTPUT_IGNORED_FIELDS)::add);
    }
    if (change != null) {
      metadata.set(GenAiKeys.CONFIGURATION_CHANGE, change);
    }
    String type = error == null ? null : ModelErrors.type(error);
    if (type != null) {
      metadata.put(GenAiKeys.ERROR_TYPE, type);
    }
    append(eventId, EventType.DECISION, input, output, metadata, error == null ? Outcome.SUCCESS : Outcome.ERROR,
        error == null ? null : new EventError(type, ModelErrors.describe(error)), blobs);
    return eventId;
  }

  private ObjectNode modelMetadata(ChatRequest request) {
    modelCalls++;
    ObjectNode metadata = baseMetadata("chat");
    ModelCallFields.putRequest(metadata, request, model.modelId());
    metadata.put(GenAiKeys.SEQUENCE, modelCalls);
    return metadata;
  }

  private ObjectNode modelInput(ChatRequest request, List<ContentBlob> blobs) {
    ObjectNode input = EventJson.mapper().createObjectNode();
    input.set("messages", reference(ContentBlob.utf8(freeText.jsonText(
        ChatMessageSerializer.messagesToJson(request.messages())), JSON), blobs));
    ModelCallFields.putRequestSummary(input, request);
    return input;
  }

  private ObjectNode toolMetadata(ToolExecutionRequest request, ToolDescriptor tool) {
    ObjectNode metadata = baseMetadata("execute_tool");
    metadata.put(GenAiKeys.TOOL_NAME, request.name());
    metadata.put(GenAiKeys.TOOL_CALL_ID, request.id());
    metadata.put(GenAiKeys.TOOL_TYPE, "function");
    if (tool != null) {
      metadata.put(GenAiKeys.TOOL_VERSION, tool.version());
      metadata.put(GenAiKeys.TOOL_SCHEMA_SHA256, tool.schemaSha256());
    }
    return metadata;
  }

  private ObjectNode baseMetadata(String operation) {
    ObjectNode metadata = EventJson.mapper().createObjectNode();
    metadata.put(GenAiKeys.OPERATION_NAME, operation);
    metadata.put(GenAiKeys.PROVIDER_NAME, model.provider());
    metadata.put(GenAiKeys.CONVERSATION_ID, runId);
    metadata.put(GenAiKeys.AGENT_NAME, agent.id());
    metadata.put(GenAiKeys.MODEL_CONFIG, model.name());
    metadata.put(GenAiKeys.PROMPT_ID, prompt.id());
    metadata.put(GenAiKeys.PROMPT_VERSION, prompt.version());
    metadata.put(GenAiKeys.PROMPT_SHA256, prompt.sha256());
    metadata.set(GenAiKeys.TRIGGERED_BY, EventJson.mapper().valueToTree(trigger));
    return metadata;
  }

  private void putCost(ObjectNode metadata, String modelId, Integer in, Integer out) {
    var amount = inventory.cost(modelId, in, out);
    if (amount.isEmpty() && !modelId.equals(model.modelId())) {
      amount = inventory.cost(model.modelId(), in, out);
    }
    if (amount.isPresent()) {
      metadata.put(GenAiKeys.COST_STATUS, "known");
      metadata.put(GenAiKeys.COST_AMOUNT, amount.get());
      inventory.priceOf(model.modelId()).or(() -> inventory.priceOf(modelId))
          .ifPresent(price -> metadata.put(GenAiKeys.COST_CURRENCY, price.currency()));
      cost = cost.add(amount.get());
    } else {
      metadata.put(GenAiKeys.COST_STATUS, "unknown");
      costUnknown = true;
    }
  }

  private long elapsedMs() {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - requestStartedNanos);
  }

  private static ObjectNode reference(ContentBlob blob, Collection<ContentBlob> blobs) {
    blobs.add(blob);
    return blob.reference();
  }

  private static String canonicalArguments(String arguments) {
    try {
      return EventJson.canonical(EventJson.mapper().readTree(arguments));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return arguments;
    }
  }

  private String append(EventType type, JsonNode input, JsonNode output, ObjectNode metadata, Outcome outcome,
      EventError error, List<ContentBlob> blobs) {
    return append(EventIds.next(), type, input, output, metadata, outcome, error, blobs);
  }

  private String append(String eventId, EventType type, JsonNode input, JsonNode output, ObjectNode metadata,
      Outcome outcome, EventError error, List<ContentBlob> blobs) {
    if (!snapshotBlobs.isEmpty()) {
      blobs.addAll(snapshotBlobs);
      snapshotBlobs.clear();
    }
    // An error's message may quote the prompt, a tool's result or the model's answer.
    EventError recordedError = error == null ? null : new EventError(error.type(), freeText.text(error.message()));
    AuditEvent event = new AuditEvent(eventId, traceId, parentEventId,
        Instant.ofEpochMilli(System.currentTimeMillis()), agent, type, context, snapshot, input, output, metadata,
        outcome, recordedError);
    log.append(event, blobs);
    return eventId;
  }
}
