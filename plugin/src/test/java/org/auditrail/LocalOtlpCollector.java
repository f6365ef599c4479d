package org.auditrail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An OpenTelemetry collector's OTLP/HTTP logs endpoint on loopback for tests (the JDK's HTTP server): keeps the log
 * records of every request it accepts, and can answer 503 instead, as a collector that is down.
 */
final class LocalOtlpCollector implements AutoCloseable {

  private final HttpServer server;
  private final ObjectMapper json = new ObjectMapper();
  private final List<JsonNode> records = new ArrayList<>();
  private final List<String> contentTypes = new ArrayList<>();
  private int refused;
  private boolean down;

  LocalOtlpCollector() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/logs", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      int status;
      synchronized (this) {
        if (down) {
          refused++;
          status = 503;
        } else {
          contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
          for (JsonNode resourceLogs : json.readTree(body).path("resourceLogs")) {
            for (JsonNode scopeLogs : resourceLogs.path("scopeLogs")) {
              scopeLogs.path("logRecords").forEach(records::add);
            }
          }
          status = 200;
        }
      }
      byte[] answer = (status == 200 ? "{}" : "collector down").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, answer.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    });
    server.start();
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/logs";
  }

  synchronized void down(boolean down) {
    this.down = down;
  }

  synchronized List<JsonNode> records() {
    return List.copyOf(records);
  }

  synchronized List<String> contentTypes() {
    return List.copyOf(contentTypes);
  }

  synchronized int refused() {
    return refused;
  }

  /** A record's attribute value ({@code stringValue}, {@code intValue}...), as text. */
  static String attribute(JsonNode record, String key) {
    for (JsonNode attribute : record.path("attributes")) {
      if (key.equals(attribute.path("key").asText())) {
        return attribute.path("value").elements().next().asText();
      }
    }
    return null;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
