package org.auditrail;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;

/**
 * An OpenAI-compatible chat-completions endpoint on loopback that answers with recorded responses, in order: the
 * stand-in for a model provider, which lies outside this project and this machine. The real LangChain4j OpenAI
 * client talks to it over HTTP.
 */
final class LocalOpenAiServer {

  /** One recorded answer: an HTTP status and body, sent after a delay. */
  record Answer(int status, String body, long delayMs) {}

  private final HttpServer server;
  private final ConcurrentLinkedDeque<Answer> answers = new ConcurrentLinkedDeque<>();
  private final List<String> requests = new ArrayList<>();

  LocalOpenAiServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/chat/completions", this::answer);
    server.setExecutor(Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, "local-openai-server");
      thread.setDaemon(true);
      return thread;
    }));
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  void enqueue(Answer... recorded) {
    answers.addAll(List.of(recorded));
  }

  synchronized List<String> requests() {
    return List.copyOf(requests);
  }

  int pending() {
    return answers.size();
  }

  static Answer toolCalls(String model, int promptTokens, int completionTokens, String... nameAndArguments) {
    StringBuilder calls = new StringBuilder();
    for (int i = 0; i < nameAndArguments.length; i += 2) {
      if (i > 0) {
        calls.append(',');
      }
      calls.append("{\"id\":\"call_").append(i / 2 + 1).append("\",\"type\":\"function\",\"function\":{\"name\":\"")
          .append(nameAndArguments[i]).append("\",\"arguments\":").append(quote(nameAndArguments[i + 1]))
          .append("}}");
    }
    return completion(model, "null", "[" + calls + "]", "tool_calls", promptTokens, completionTokens);
  }

  static Answer text(String model, String content, int promptTokens, int completionTokens) {
    return completion(model, quote(content), null, "stop", promptTokens, completionTokens);
  }

  static Answer rateLimited() {
    return new Answer(429, "{\"error\":{\"message\":\"Rate limit reached for requests\",\"type\":\"requests\","
        + "\"code\":\"rate_limit_exceeded\"}}", 0);
  }

  static Answer slow(Answer answer, long delayMs) {
    return new Answer(answer.status(), answer.body(), delayMs);
  }

  private static Answer completion(String model, String content, String toolCalls, String finishReason,
      int promptTokens, int completionTokens) {
    String message = "{\"role\":\"assistant\",\"content\":" + content
        + (toolCalls == null ? "" : ",\"tool_calls\":" + toolCalls) + "}";
    return new Answer(200, "{\"id\":\"chatcmpl-" + System.nanoTime() + "\",\"object\":\"chat.completion\","
        + "\"created\":1767225600,\"model\":\"" + model + "\",\"choices\":[{\"index\":0,\"message\":" + message
        + ",\"finish_reason\":\"" + finishReason + "\"}],\"usage\":{\"prompt_tokens\":" + promptTokens
        + ",\"completion_tokens\":" + completionTokens + ",\"total_tokens\":" + (promptTokens + completionTokens)
        + "}}", 0);
  }

  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }

  private void answer(HttpExchange exchange) throws IOException {
    String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    synchronized (this) {
      requests.add(request);
    }
    Answer answer = answers.pollFirst();
    if (answer == null) {
      answer = new Answer(500, "{\"error\":{\"message\":\"no recorded answer left\"}}", 0);
    }
    try {
      Thread.sleep(answer.delayMs());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    try {
      exchange.sendResponseHeaders(answer.status(), body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    } catch (IOException clientGone) {
      // The client timed out and closed the connection; nothing to answer.
    }
    exchange.close();
  }
}
