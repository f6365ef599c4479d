package org.auditrail.alert.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.auditrail.alert.AlertChannel;
import org.auditrail.alert.delivery.RecordedDeliveries.Attempt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** Alerts by email, through Spring's mail sender, to a real SMTP server (GreenMail) started for the test. */
class EmailDeliveryTest {

  @RegisterExtension
  static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP);

  private final RecordedDeliveries recorded = new RecordedDeliveries();

  private AlertDelivery deliveryThrough(int port) {
    JavaMailSenderImpl mail = new JavaMailSenderImpl();
    mail.setHost("127.0.0.1");
    mail.setPort(port);
    mail.getJavaMailProperties().put("mail.smtp.connectiontimeout", "2000");
    return new AlertDelivery(List.of(new EmailSender(mail, new AlertMessage("https://audit.example.com"),
        "auditrail@bank.example")), recorded, new DeliverySettings(2, Duration.ofMillis(50), Duration.ofMillis(50)),
        Clock.systemUTC());
  }

  @Test
  void theMailServerReceivesTheAlertNamingTheRuleTheCaseAndTheEvents() throws Exception {
    AlertChannel carol = new AlertChannel(AlertChannel.EMAIL, "carol@bank.example");
    try (AlertDelivery delivery = deliveryThrough(SMTP.getSmtp().getPort())) {
      delivery.deliver(WebhookDeliveryTest.alert(carol));

      assertThat(SMTP.waitForIncomingEmail(10_000, 1)).isTrue();
    }

    MimeMessage mail = SMTP.getReceivedMessages()[0];
    assertThat(mail.getSubject()).isEqualTo("Audit alert: Refused four-eyes reviews (case pi-4711)");
    assertThat(mail.getFrom()[0].toString()).isEqualTo("auditrail@bank.example");
    assertThat(mail.getRecipients(Message.RecipientType.TO)[0].toString()).isEqualTo("carol@bank.example");
    assertThat(((String) mail.getContent()).lines()).containsExactly(
        "Rule: Refused four-eyes reviews (four_eyes_refused)",
        "Summary: 2 four-eyes reviews refused within 1h",
        "Case: pi-4711",
        "Events: ev-1, ev-2",
        "Raised at: 2026-03-02T09:15:00Z",
        "Alert: alert-7",
        "Case in the auditor console: https://audit.example.com/audit/cases/pi-4711",
        "Case trail (API): https://audit.example.com/api/audit/traces/pi-4711",
        "Open alerts (API): https://audit.example.com/api/alerts?state=open");
    assertThat(recorded.await(1)).containsExactly(new Attempt("alert-7", carol, 1, true,
        "accepted by the mail server"));
  }

  @Test
  void aMailServerOutOfReachIsTriedAgainUpToTheLimit() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    AlertChannel carol = new AlertChannel(AlertChannel.EMAIL, "carol@bank.example");
    try (AlertDelivery delivery = deliveryThrough(closedPort)) {
      delivery.deliver(WebhookDeliveryTest.alert(carol));

      List<Attempt> attempts = recorded.await(2);
      assertThat(attempts).extracting(Attempt::attempt, Attempt::delivered)
          .containsExactly(tuple(1, false), tuple(2, false));
      assertThat(attempts).allSatisfy(attempt ->
          assertThat(attempt.result()).startsWith("MailSendException: Mail server connection failed"));
      assertThat(delivery.degraded()).isTrue();
    }
  }

  @Test
  void anAddressThatSmugglesAHeaderIsRefusedWithoutSending() throws Exception {
    AlertChannel smuggled = new AlertChannel(AlertChannel.EMAIL, "carol@bank.example\r\nBcc: eve@evil.example");
    try (AlertDelivery delivery = deliveryThrough(SMTP.getSmtp().getPort())) {
      delivery.deliver(WebhookDeliveryTest.alert(smuggled));

      List<Attempt> attempts = recorded.await(1);
      assertThat(attempts).extracting(Attempt::attempt, Attempt::delivered).containsExactly(tuple(1, false));
      assertThat(attempts.get(0).result()).startsWith("the email address is not one address: ");
    }
    assertThat(SMTP.getReceivedMessages()).isEmpty();
  }
}
