package org.auditrail.alert.delivery;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;

/**
 * A webhook on loopback for tests (the JDK's HTTP server) at {@code /hooks/audit}: keeps every request's body and
 * content type, and answers with the statuses it was told, in turn (then 200), optionally after a pause.
 */
public final class LocalWebhookReceiver implements AutoCloseable {

  /** One request as received. */
  public record Request(String path, String contentType, String body) {}

  private final HttpServer server;
  private final List<Request> requests = new ArrayList<>();
  private final Deque<Integer> statuses = new ArrayDeque<>();
  private int always;
  private Duration pause = Duration.ZERO;

  public LocalWebhookReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      int status;
      Duration wait;
      synchronized (this) {
        requests.add(new Request(exchange.getRequestURI().getPath(),
            exchange.getRequestHeaders().getFirst("Content-Type"), body));
        status = always != 0 ? always : statuses.isEmpty() ? 200 : statuses.poll();
        wait = pause;
        notifyAll();
      }
      sleep(wait);
      byte[] answer = (status == 200 ? "ok" : status == 503 ? "busy" : "").getBytes(StandardCharsets.UTF_8);
      if (status / 100 == 3) {
        exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + port() + "/elsewhere");
      }
      exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    });
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + port() + "/hooks/audit";
  }

  private int port() {
    return server.getAddress().getPort();
  }

  /** The next answers' statuses, in turn; 200 after them. */
  public synchronized LocalWebhookReceiver answering(Integer... next) {
    statuses.addAll(List.of(next));
    return this;
  }

  /** Answers every request with this status. */
  public synchronized LocalWebhookReceiver alwaysAnswering(int status) {
    always = status;
    return this;
  }

  /** Waits this long before answering each request. */
  public synchronized LocalWebhookReceiver slow(Duration pause) {
    this.pause = pause;
    return this;
  }

  public synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  /** Waits until at least {@code n} requests came in, for at most ten seconds. */
  public synchronized List<Request> awaitRequests(int n) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (requests.size() < n && System.nanoTime() < end) {
      wait(Math.max(1, (end - System.nanoTime()) / 1_000_000));
    }
    return List.copyOf(requests);
  }

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
