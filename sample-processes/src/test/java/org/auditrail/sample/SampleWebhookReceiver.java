package org.auditrail.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A webhook on loopback (the JDK's HTTP server) that answers 200 and keeps every JSON body it received. */
final class SampleWebhookReceiver implements AutoCloseable {

  private final HttpServer server;
  private final List<JsonNode> bodies = new ArrayList<>();

  SampleWebhookReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      synchronized (this) {
        bodies.add(SampleApi.JSON.readTree(new String(body, StandardCharsets.UTF_8)));
        notifyAll();
      }
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/compliance";
  }

  /** The bodies received once there are {@code n}, waiting at most ten seconds. */
  synchronized List<JsonNode> await(int n) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (bodies.size() < n && System.nanoTime() < end) {
      wait(Math.max(1, (end - System.nanoTime()) / 1_000_000));
    }
    return List.copyOf(bodies);
  }

  synchronized List<JsonNode> bodies() {
    return List.copyOf(bodies);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
