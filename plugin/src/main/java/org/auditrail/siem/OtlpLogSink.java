package org.auditrail.siem;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.auditrail.event.EventJson;
import org.auditrail.store.SealedLog.SealedEvent;

/**
 * An OpenTelemetry collector's OTLP/HTTP logs endpoint ({@code /v1/logs}), sent JSON-encoded with the JDK's HTTP
 * client; a batch is accepted when the collector answers 2xx.
 */
public final class OtlpLogSink implements SiemSink {

  private final URI endpoint;
  private final Map<String, String> headers;
  private final Duration timeout;
  private final OtlpLogRecords records;
  private final Clock clock;
  private final HttpClient client;

  public OtlpLogSink(URI endpoint, Map<String, String> headers, Duration timeout, String serviceName, Clock clock) {
    this.endpoint = endpoint;
    this.headers = Map.copyOf(headers);
    this.timeout = timeout;
    this.records = new OtlpLogRecords(serviceName);
    this.clock = clock;
    this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  @Override
  public String name() {
    return "otlp";
  }

  @Override
  public void send(List<SealedEvent> events) throws IOException {
    Instant now = clock.instant();
    byte[] body = EventJson.mapper().writeValueAsBytes(records.request(
        events.stream().map(SealedEventFields::of).toList(), now.getEpochSecond() * 1_000_000_000L + now.getNano()));
    HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(timeout)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    HttpResponse<String> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while sending to " + endpoint, e);
    }
    if (response.statusCode() / 100 != 2) {
      String answer = response.body();
      throw new IOException(endpoint + " answered " + response.statusCode()
          + (answer.isBlank() ? "" : ": " + answer.substring(0, Math.min(200, answer.length()))));
    }
  }
}
