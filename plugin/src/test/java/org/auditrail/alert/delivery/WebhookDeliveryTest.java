package org.auditrail.alert.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.auditrail.alert.AlertChannel;
import org.auditrail.alert.AlertRaised;
import org.auditrail.alert.delivery.RecordedDeliveries.Attempt;
import org.auditrail.autoconfigure.AlertDeliveryMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookDeliveryTest {

  private static final Instant RAISED = Instant.parse("2026-03-02T09:15:00Z");

  private final LocalWebhookReceiver receiver;
  private final RecordedDeliveries recorded = new RecordedDeliveries();
  private final AlertDelivery delivery;
  private final AlertChannel webhook;

  WebhookDeliveryTest() throws Exception {
    receiver = new LocalWebhookReceiver();
    webhook = new AlertChannel(AlertChannel.WEBHOOK, receiver.url());
    delivery = new AlertDelivery(List.of(new WebhookSender(new AlertMessage("https://audit.example.com/"),
        Duration.ofSeconds(5))), recorded, new DeliverySettings(3, Duration.ofMillis(50), Duration.ofMillis(200)),
        Clock.systemUTC());
  }

  @AfterEach
  void close() {
    delivery.close();
    receiver.close();
  }

  static AlertRaised alert(AlertChannel channel) {
    return new AlertRaised("alert-7", "rule-3", "Refused four-eyes reviews", "four_eyes_refused",
        "2 four-eyes reviews refused within 1h", "pi-4711", List.of("ev-1", "ev-2"), List.of(channel), RAISED);
  }

  @Test
  void theWebhookReceivesTheAlertNamingTheCaseTheEventsAndTheLinks() throws Exception {
    delivery.deliver(alert(webhook));

    List<LocalWebhookReceiver.Request> requests = receiver.awaitRequests(1);
    assertThat(requests).hasSize(1);
    assertThat(requests.get(0).path()).isEqualTo("/hooks/audit");
    assertThat(requests.get(0).contentType()).isEqualTo("application/json");
    ObjectMapper json = new ObjectMapper();
    assertThat(json.readTree(requests.get(0).body())).isEqualTo(json.readTree("""
        {"alert_id": "alert-7",
         "rule": {"id": "rule-3", "name": "Refused four-eyes reviews", "condition": "four_eyes_refused"},
         "summary": "2 four-eyes reviews refused within 1h",
         "case": "pi-4711",
         "event_ids": ["ev-1", "ev-2"],
         "raised_at": "2026-03-02T09:15:00Z",
         "links": {"case": "https://audit.example.com/audit/cases/pi-4711",
                   "trail": "https://audit.example.com/api/audit/traces/pi-4711",
                   "alerts": "https://audit.example.com/api/alerts?state=open"},
         "text": "Audit alert \\"Refused four-eyes reviews\\" (four_eyes_refused): 2 four-eyes reviews refused \
        within 1h — case pi-4711: https://audit.example.com/audit/cases/pi-4711"}
        """));
    assertThat(recorded.await(1)).containsExactly(new Attempt("alert-7", webhook, 1, true, "HTTP 200"));
  }

  @Test
  void anAlertAboutTheLogItselfHasNoCaseAndOnlyTheAlertsLink() throws Exception {
    delivery.deliver(new AlertRaised("alert-8", "rule-1", "Tampering", "verification_failed",
        "incremental verification failed", null, List.of("ev-9"), List.of(webhook), RAISED));

    String body = receiver.awaitRequests(1).get(0).body();
    ObjectMapper json = new ObjectMapper();
    assertThat(json.readTree(body).get("case").isNull()).isTrue();
    assertThat(json.readTree(body).get("links")).isEqualTo(json.readTree(
        "{\"alerts\": \"https://audit.example.com/api/alerts?state=open\"}"));
    assertThat(json.readTree(body).get("text").asText())
        .isEqualTo("Audit alert \"Tampering\" (verification_failed): incremental verification failed");
  }

  @Test
  void aReceiverThatFailsTwiceGetsTheAlertAtTheThirdAttemptAndEveryAttemptIsRecordedInOrder() throws Exception {
    receiver.answering(503, 500);

    delivery.deliver(alert(webhook));

    assertThat(recorded.await(3)).containsExactly(
        new Attempt("alert-7", webhook, 1, false, "IOException: HTTP 503: busy"),
        new Attempt("alert-7", webhook, 2, false, "IOException: HTTP 500"),
        new Attempt("alert-7", webhook, 3, true, "HTTP 200"));
    assertThat(receiver.requests()).hasSize(3)
        .allSatisfy(request -> assertThat(request.body()).contains("\"alert_id\":\"alert-7\""));
    assertThat(delivery.degraded()).isFalse();
    assertThat(delivery.pendingRetries()).isZero();
  }

  @Test
  void aDeliveryThatNeverSucceedsStopsAfterTheLimitAndLeavesTheGaugeDegraded() throws Exception {
    receiver.alwaysAnswering(500);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    new AlertDeliveryMetrics(delivery).bindTo(registry);

    delivery.deliver(alert(webhook));

    assertThat(recorded.await(3)).extracting(Attempt::attempt, Attempt::delivered)
        .containsExactly(tuple(1, false), tuple(2, false), tuple(3, false));
    Thread.sleep(600); // longer than the longest pause: a fourth attempt would have come by now
    assertThat(recorded.attempts()).hasSize(3);
    assertThat(receiver.requests()).hasSize(3);
    assertThat(registry.get("audit.alerts.delivery.degraded").gauge().value()).isEqualTo(1.0);
    assertThat(registry.get("audit.alerts.delivery.pending").gauge().value()).isEqualTo(0.0);
  }

  @Test
  void aLaterDeliveryToTheSameChannelEndsTheDegradedState() throws Exception {
    receiver.alwaysAnswering(500);
    delivery.deliver(alert(webhook));
    recorded.await(3);
    assertThat(delivery.degraded()).isTrue();

    receiver.alwaysAnswering(0);
    delivery.deliver(alert(webhook));

    assertThat(recorded.await(4).get(3)).isEqualTo(new Attempt("alert-7", webhook, 1, true, "HTTP 200"));
    assertThat(delivery.degraded()).isFalse();
  }

  @Test
  void aPendingRetryIsCounted() throws Exception {
    AlertDelivery slowRetries = new AlertDelivery(List.of(new WebhookSender(new AlertMessage(""),
        Duration.ofSeconds(5))), recorded, new DeliverySettings(2, Duration.ofSeconds(30), Duration.ofSeconds(30)),
        Clock.systemUTC());
    try {
      receiver.answering(503);
      slowRetries.deliver(alert(webhook));

      recorded.await(1);
      assertThat(slowRetries.pendingRetries()).isEqualTo(1);
      assertThat(slowRetries.degraded()).isFalse();
    } finally {
      slowRetries.close();
    }
  }

  @Test
  void aRedirectIsNeitherFollowedNorTriedAgain() throws Exception {
    receiver.answering(302);

    delivery.deliver(alert(webhook));

    assertThat(recorded.await(1)).containsExactly(new Attempt("alert-7", webhook, 1, false,
        "HTTP 302 (redirects are not followed)"));
    Thread.sleep(300);
    assertThat(receiver.requests()).extracting(LocalWebhookReceiver.Request::path).containsExactly("/hooks/audit");
    assertThat(recorded.attempts()).hasSize(1);
    assertThat(delivery.degraded()).isTrue();
  }

  @Test
  void aWebhookUrlThatIsNotHttpIsRefusedWithoutAnyRequest() throws Exception {
    AlertChannel file = new AlertChannel(AlertChannel.WEBHOOK, "file:///etc/passwd");

    delivery.deliver(alert(file));

    assertThat(recorded.await(1)).containsExactly(new Attempt("alert-7", file, 1, false,
        "the webhook URL must be an http or https URL with a host, but was a file: URL without host"));
    Thread.sleep(300);
    assertThat(recorded.attempts()).hasSize(1);
  }

  @Test
  void aChannelTypeWithoutSenderIsRecordedAsNotDelivered() throws Exception {
    AlertChannel email = new AlertChannel(AlertChannel.EMAIL, "carol@example.com");

    delivery.deliver(alert(email));

    assertThat(recorded.await(1)).containsExactly(new Attempt("alert-7", email, 1, false,
        "no sender for channel type email"));
  }

  @Test
  void theWebhookPathIsLeftOutOfTheLogLinesBecauseItIsTheSecret() {
    assertThat(AlertDelivery.describe(new AlertChannel(AlertChannel.WEBHOOK,
        "https://hooks.slack.com/services/T000/B000/XXXXSECRET"))).isEqualTo("webhook https://hooks.slack.com/…");
  }
}
