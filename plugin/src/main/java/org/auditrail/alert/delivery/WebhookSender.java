package org.auditrail.alert.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.auditrail.alert.AlertChannel;
import org.auditrail.alert.AlertRaised;
import org.auditrail.event.EventJson;

/**
 * Posts an alert as JSON to a webhook with the JDK's HTTP client. The URL comes from a rule, which someone may have
 * set to reach what they should not: only http and https, a timeout on connecting and on the answer, no redirect
 * followed, and no more than the first bytes of an answer read. A 2xx answer delivers; a redirect is refused; any
 * other answer or failure is tried again.
 */
public final class WebhookSender implements AlertSender {

  private static final int ANSWER_SHOWN = 200;

  private final AlertMessage message;
  private final Duration timeout;
  private final HttpClient client;

  public WebhookSender(AlertMessage message, Duration timeout) {
    this.message = message;
    this.timeout = timeout;
    this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  @Override
  public String channelType() {
    return AlertChannel.WEBHOOK;
  }

  @Override
  public String send(AlertRaised alert, AlertChannel channel) throws IOException, DeliveryRefusedException {
    URI url = webhookUrl(channel.target());
    HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(EventJson.mapper().writeValueAsBytes(message.json(alert))))
        .build();
    HttpResponse<InputStream> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while posting to " + redacted(url), e);
    }
    int status = response.statusCode();
    String answer;
    try (InputStream body = response.body()) {
      answer = new String(body.readNBytes(ANSWER_SHOWN), StandardCharsets.UTF_8).strip();
    }
    if (status / 100 == 2) {
      return "HTTP " + status;
    }
    String result = "HTTP " + status + (answer.isEmpty() ? "" : ": " + answer);
    if (status / 100 == 3) {
      throw new DeliveryRefusedException(result + " (redirects are not followed)");
    }
    throw new IOException(result);
  }

  /** The channel's URL, if it is an absolute http(s) URL with a host. */
  static URI webhookUrl(String target) throws DeliveryRefusedException {
    URI url;
    try {
      url = new URI(target == null ? "" : target);
    } catch (URISyntaxException e) {
      throw new DeliveryRefusedException("the webhook URL is not a URL: " + e.getReason());
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase();
    if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
      throw new DeliveryRefusedException("the webhook URL must be an http or https URL with a host, but was "
          + redacted(url));
    }
    return url;
  }

  /**
   * A webhook URL for logs: scheme, host and port only. The path of a chat tool's incoming webhook is its secret
   * (whoever knows it can post), so it is not written to the log.
   */
  static String redacted(URI url) {
    if (url.getScheme() == null) {
      return "a URL without scheme";
    }
    if (url.getHost() == null) {
      return "a " + url.getScheme() + ": URL without host";
    }
    return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort()) + "/…";
  }
}
