package org.auditrail.worker;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.ChatMessageSerializer;
import dev.langchain4j.model.chat.listener.ChatModelErrorContext;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.auditrail.ai.GenAiKeys;
import org.auditrail.ai.ModelCallFields;
import org.auditrail.event.EventJson;

/**
 * The AI steps of one external task as its worker takes them, in the shape the ingestion API takes: register it as a
 * {@link ChatModelListener} of the model the worker calls for this task, and tell it about tool calls and the
 * decision; then {@link WorkerReports#send} it before completing the task. Model calls are mapped like the
 * in-engine AI task's ({@link ModelCallFields}); messages go as content, which the plugin keeps by hash.
 */
public final class WorkerAuditLog implements ChatModelListener {

  private static final String JSON = "application/json";

  private final String externalTaskId;
  private final String workerId;
  private final String provider;
  private final List<ObjectNode> events = new ArrayList<>();

  /**
   * @param externalTaskId the task's id ({@code ExternalTask.getId()} in Camunda's external task client)
   * @param workerId the id the worker locked it with ({@code ExternalTask.getWorkerId()})
   * @param provider the model provider, for {@code gen_ai.provider.name} (such as {@code openai})
   */
  public WorkerAuditLog(String externalTaskId, String workerId, String provider) {
    this.externalTaskId = externalTaskId;
    this.workerId = workerId;
    this.provider = provider;
  }

  public String externalTaskId() {
    return externalTaskId;
  }

  public String workerId() {
    return workerId;
  }

  @Override
  public void onResponse(ChatModelResponseContext response) {
    ObjectNode event = event("model_call", "chat");
    ObjectNode metadata = (ObjectNode) event.get("metadata");
    ModelCallFields.putRequest(metadata, response.chatRequest(), null);
    ModelCallFields.putResponse(metadata, response.chatResponse());
    event.set("input", modelInput(response.chatRequest()));
    ObjectNode output = EventJson.mapper().createObjectNode();
    output.set("message", content(ChatMessageSerializer.messageToJson(response.chatResponse().aiMessage()), JSON));
    ModelCallFields.putToolCalls(output, response.chatResponse().aiMessage());
    event.set("output", output);
    add(event);
  }

  @Override
  public void onError(ChatModelErrorContext failure) {
    ObjectNode event = event("model_call", "chat");
    ObjectNode metadata = (ObjectNode) event.get("metadata");
    ModelCallFields.putRequest(metadata, failure.chatRequest(), null);
    String type = failure.error().getClass().getName();
    metadata.put(GenAiKeys.ERROR_TYPE, type);
    event.set("input", modelInput(failure.chatRequest()));
    event.put("outcome", "error");
    event.putObject("error").put("type", type).put("message", String.valueOf(failure.error().getMessage()));
    add(event);
  }

  /** A tool the model asked for, as the worker is about to run it. */
  public void toolCalled(ToolExecutionRequest request) {
    ObjectNode event = event("tool_call", "execute_tool");
    toolMetadata(event, request);
    event.putObject("input").set("arguments", content(request.arguments(), JSON));
    add(event);
  }

  /** What the tool returned, or, when {@code failed}, its error message. */
  public void toolReturned(ToolExecutionRequest request, String result, boolean failed) {
    ObjectNode event = event("tool_result", "execute_tool");
    toolMetadata(event, request);
    event.putObject("output").set("result", content(result, "text/plain; charset=utf-8"));
    if (failed) {
      event.put("outcome", "error");
      event.putObject("error").put("type", "tool_error").put("message", result);
    }
    add(event);
  }

  /** The worker's decision: what it will complete the task with, and why. */
  public void decided(ObjectNode decision, String rationale) {
    ObjectNode event = event("decision", "chat");
    event.set("output", decision.deepCopy());
    if (rationale != null) {
      ((ObjectNode) event.get("output")).put("rationale", rationale);
    }
    add(event);
  }

  /** The report body, {@code {"workerId": ..., "events": [...]}}, of the steps not sent yet. */
  synchronized ObjectNode report() {
    ObjectNode report = EventJson.mapper().createObjectNode().put("workerId", workerId);
    ArrayNode list = report.putArray("events");
    events.forEach(list::add);
    return report;
  }

  /** How many recorded steps have not been sent yet. */
  public synchronized int pending() {
    return events.size();
  }

  /** Forgets the steps of a report the plugin recorded. */
  synchronized void sent(int count) {
    events.subList(0, count).clear();
  }

  private synchronized void add(ObjectNode event) {
    events.add(event);
  }

  private ObjectNode event(String type, String operation) {
    ObjectNode event = EventJson.mapper().createObjectNode()
        .put("event_type", type)
        .put("timestamp", Instant.now().toString());
    event.putObject("metadata").put(GenAiKeys.OPERATION_NAME, operation).put(GenAiKeys.PROVIDER_NAME, provider);
    return event;
  }

  private static void toolMetadata(ObjectNode event, ToolExecutionRequest request) {
    ((ObjectNode) event.get("metadata")).put(GenAiKeys.TOOL_NAME, request.name())
        .put(GenAiKeys.TOOL_CALL_ID, request.id());
  }

  private static ObjectNode modelInput(dev.langchain4j.model.chat.request.ChatRequest request) {
    ObjectNode input = EventJson.mapper().createObjectNode();
    input.set("messages", content(ChatMessageSerializer.messagesToJson(request.messages()), JSON));
    ModelCallFields.putRequestSummary(input, request);
    return input;
  }

  private static ObjectNode content(String text, String mediaType) {
    return EventJson.mapper().createObjectNode().put("content", text == null ? "" : text).put("media_type", mediaType);
  }
}
