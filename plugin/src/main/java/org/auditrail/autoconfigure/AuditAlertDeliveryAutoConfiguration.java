package org.auditrail.autoconfigure;

import java.time.Clock;
import org.auditrail.alert.DeliveryLog;
import org.auditrail.alert.delivery.AlertDelivery;
import org.auditrail.alert.delivery.AlertDeliveryListener;
import org.auditrail.alert.delivery.AlertMessage;
import org.auditrail.alert.delivery.AlertSender;
import org.auditrail.alert.delivery.EmailSender;
import org.auditrail.alert.delivery.WebhookSender;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Delivery of raised alerts ({@link org.auditrail.alert.AlertRaised} application events) to webhooks, and by email
 * when Spring Boot's mail support is configured ({@code spring.mail.host}); on by default
 * ({@code audit.alerts.delivery.enabled}). Attempts are recorded through the application's
 * {@link DeliveryLog}; failures show as {@code audit.alerts.delivery.*} gauges.
 */
@AutoConfiguration(after = AuditAutoConfiguration.class,
    afterName = "org.springframework.boot.autoconfigure.mail.MailSenderAutoConfiguration")
@ConditionalOnBean(AuditProperties.class)
@ConditionalOnClass(name = "org.springframework.transaction.event.TransactionalEventListener")
@ConditionalOnProperty(prefix = "audit.alerts.delivery", name = "enabled", matchIfMissing = true)
public class AuditAlertDeliveryAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  AlertMessage auditAlertMessage(AuditProperties properties) {
    return new AlertMessage(properties.getAlerts().getDelivery().getBaseUrl());
  }

  @Bean
  @ConditionalOnMissingBean
  WebhookSender auditWebhookSender(AlertMessage message, AuditProperties properties) {
    return new WebhookSender(message, properties.getAlerts().getDelivery().getTimeout());
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  AlertDelivery auditAlertDelivery(ObjectProvider<AlertSender> senders, ObjectProvider<DeliveryLog> deliveryLog,
      AuditProperties properties) {
    return new AlertDelivery(senders.orderedStream().toList(), deliveryLog.getIfAvailable(() -> UNKEPT),
        properties.getAlerts().getDelivery().toSettings(), Clock.systemUTC());
  }

  @Bean
  @ConditionalOnMissingBean
  AlertDeliveryListener auditAlertDeliveryListener(AlertDelivery delivery) {
    return new AlertDeliveryListener(delivery);
  }

  /** Without a delivery log of the application's (the alerts' storage), the attempts are only in the log lines. */
  private static final DeliveryLog UNKEPT = (alertId, channel, attempt, at, delivered, result) -> { };

  /** Alerts by email, when the application has a mail sender. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.mail.javamail.JavaMailSender")
  @ConditionalOnBean(type = "org.springframework.mail.javamail.JavaMailSender")
  static class Email {

    @Bean
    @ConditionalOnMissingBean
    EmailSender auditEmailSender(JavaMailSender mail, AlertMessage message, AuditProperties properties) {
      return new EmailSender(mail, message, properties.getAlerts().getDelivery().getMailFrom());
    }
  }

  /** Publishes delivery's health when Micrometer is on the class path. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
  static class Metrics {

    @Bean
    @ConditionalOnMissingBean
    AlertDeliveryMetrics auditAlertDeliveryMetrics(AlertDelivery delivery) {
      return new AlertDeliveryMetrics(delivery);
    }
  }
}
