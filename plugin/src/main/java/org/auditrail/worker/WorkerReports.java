package org.auditrail.worker;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.auditrail.event.EventJson;

/**
 * Sends a worker's recorded AI steps to {@code POST /api/audit/external-tasks/{id}/events} as a member of the worker
 * groups. A worker completes its task only after {@link #send} returned: a step that was not recorded must not
 * become part of the case unseen, so a refused or failed report throws, and the worker fails or retries the task.
 */
public final class WorkerReports {

  private final HttpClient http;
  private final URI baseUri;
  private final String authorization;

  /**
   * @param baseUri the application's root, such as {@code https://bpm.example.com/}
   * @param userId a Camunda user in {@code audit.ingest.worker-groups}
   */
  public WorkerReports(URI baseUri, String userId, String password) {
    this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(), baseUri, userId, password);
  }

  public WorkerReports(HttpClient http, URI baseUri, String userId, String password) {
    this.http = http;
    this.baseUri = baseUri.toString().endsWith("/") ? baseUri : URI.create(baseUri + "/");
    this.authorization = "Basic " + Base64.getEncoder().encodeToString(
        (userId + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Sends the steps not sent yet, if any, and returns the ids the plugin gave them.
   *
   * @throws WorkerReportException when the plugin did not record them (the problem detail is in the message)
   */
  public List<String> send(WorkerAuditLog log) throws IOException, InterruptedException {
    int count = log.pending();
    if (count == 0) {
      return List.of();
    }
    HttpRequest request = HttpRequest.newBuilder(baseUri.resolve("api/audit/external-tasks/"
            + java.net.URLEncoder.encode(log.externalTaskId(), StandardCharsets.UTF_8) + "/events"))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", authorization)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(log.report().toString()))
        .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 201) {
      throw new WorkerReportException(response.statusCode(), response.body());
    }
    log.sent(count);
    List<String> ids = new ArrayList<>();
    EventJson.mapper().readTree(response.body()).path("event_ids").forEach(id -> ids.add(id.asText()));
    return ids;
  }

  /** The plugin did not record a report; nothing of it was stored. */
  public static final class WorkerReportException extends IOException {

    private final int status;

    WorkerReportException(int status, String problem) {
      super("the audit trail refused the worker's report with status " + status + ": " + problem);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }
}
