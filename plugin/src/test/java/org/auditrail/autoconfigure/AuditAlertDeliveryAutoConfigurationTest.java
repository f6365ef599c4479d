package org.auditrail.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.auditrail.alert.AlertChannel;
import org.auditrail.alert.AlertRaised;
import org.auditrail.alert.delivery.AlertDelivery;
import org.auditrail.alert.delivery.EmailSender;
import org.auditrail.alert.delivery.LocalWebhookReceiver;
import org.auditrail.alert.delivery.RecordedDeliveries;
import org.auditrail.alert.delivery.RecordedDeliveries.Attempt;
import org.auditrail.alert.delivery.WebhookSender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.mail.MailSenderAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.support.TransactionTemplate;

class AuditAlertDeliveryAutoConfigurationTest {

  private final LocalWebhookReceiver receiver;

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(MailSenderAutoConfiguration.class,
          AuditAlertDeliveryAutoConfiguration.class))
      .withUserConfiguration(Application.class);

  AuditAlertDeliveryAutoConfigurationTest() throws Exception {
    receiver = new LocalWebhookReceiver();
  }

  @AfterEach
  void close() {
    receiver.close();
  }

  private AlertRaised alert() {
    return new AlertRaised("alert-1", "rule-1", "Operator actions", "operator_action",
        "process instance pi-9 deleted by demo", "pi-9", List.of("ev-5"),
        List.of(new AlertChannel(AlertChannel.WEBHOOK, receiver.url())), Instant.parse("2026-03-02T10:00:00Z"));
  }

  @Test
  void deliversToWebhooksAndNotByEmailWithoutAMailServer() {
    runner.run(context -> {
      assertThat(context).hasNotFailed().hasSingleBean(AlertDelivery.class).hasSingleBean(WebhookSender.class)
          .doesNotHaveBean(EmailSender.class).hasSingleBean(AlertDeliveryMetrics.class);
    });
  }

  @Test
  void deliversByEmailWhenSpringMailIsConfigured() {
    runner.withPropertyValues("spring.mail.host=127.0.0.1")
        .run(context -> assertThat(context).hasNotFailed().hasSingleBean(EmailSender.class));
  }

  @Test
  void deliversNothingWhenDisabled() {
    runner.withPropertyValues("audit.alerts.delivery.enabled=false")
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(AlertDelivery.class));
  }

  @Test
  void refusesFewerThanOneAttempt() {
    runner.withPropertyValues("audit.alerts.delivery.max-attempts=0")
        .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
            .hasMessage("audit.alerts.delivery.max-attempts must be at least 1, but was 0"));
  }

  @Test
  void publishingAnAlertReturnsAtOnceWhileTheReceiverIsSlow() {
    receiver.slow(Duration.ofSeconds(2));
    runner.run(context -> {
      long started = System.nanoTime();
      context.publishEvent(alert());
      long tookMillis = (System.nanoTime() - started) / 1_000_000;

      assertThat(tookMillis).isLessThan(500);
      assertThat(context.getBean(RecordedDeliveries.class).await(1))
          .containsExactly(new Attempt("alert-1", alert().channels().get(0), 1, true, "HTTP 200"));
    });
  }

  @Test
  void anAlertIsDeliveredOnlyOnceItsTransactionCommitted() {
    runner.run(context -> {
      TransactionTemplate transaction = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
      transaction.executeWithoutResult(status -> {
        context.publishEvent(alert());
        status.setRollbackOnly();
      });
      transaction.executeWithoutResult(status -> {
        context.publishEvent(alert());
        sleep(300);
        assertThat(receiver.requests()).isEmpty();
      });

      assertThat(context.getBean(RecordedDeliveries.class).await(1)).hasSize(1);
      sleep(300);
      assertThat(receiver.requests()).hasSize(1);
      assertThat(context.getBean(RecordedDeliveries.class).attempts()).hasSize(1);
    });
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(AuditProperties.class)
  @EnableTransactionManagement
  static class Application {

    @Bean
    RecordedDeliveries deliveryLog() {
      return new RecordedDeliveries();
    }

    @Bean
    PlatformTransactionManager transactionManager() {
      return new DataSourceTransactionManager(new DriverManagerDataSource("jdbc:h2:mem:alert-delivery"));
    }
  }
}
