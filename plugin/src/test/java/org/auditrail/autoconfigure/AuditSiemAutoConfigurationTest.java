package org.auditrail.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.auditrail.siem.SiemForwarder;
import org.auditrail.store.AuditStore;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class AuditSiemAutoConfigurationTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(AuditSiemAutoConfiguration.class))
      .withUserConfiguration(Store.class);

  @Test
  void streamsNothingUnlessASinkIsConfigured() {
    runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(SiemForwarder.class));
  }

  @Test
  void streamsToTheConfiguredSinksInTheirOrder() {
    runner.withPropertyValues("audit.siem.syslog.host=127.0.0.1", "audit.siem.syslog.tls=false",
            "audit.siem.otlp.endpoint=http://127.0.0.1:4318/v1/logs")
        .run(context -> assertThat(context.getBean(SiemForwarder.class).sinkNames())
            .containsExactly("syslog", "otlp"));
  }

  @Test
  void backsOffWhenTheApplicationHasItsOwnForwarder() {
    runner.withPropertyValues("audit.siem.otlp.endpoint=http://127.0.0.1:4318/v1/logs")
        .withBean("ownForwarder", SiemForwarder.class, () -> null)
        .run(context -> assertThat(context).doesNotHaveBean("auditSiemForwarder"));
  }

  @Test
  void refusesSyslogOverTlsWithoutTheCaCertificates() {
    runner.withPropertyValues("audit.siem.syslog.host=siem.example")
        .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
            .hasMessage("AUDIT-197 audit.siem.syslog.trusted-certificates is required with audit.siem.syslog.tls=true:"
                + " name a PEM file with the CA certificate of the syslog server, or set audit.siem.syslog.tls=false"
                + " for plain TCP"));
  }

  @Test
  void refusesACaFileWithoutACertificate() throws Exception {
    Path empty = Files.writeString(Files.createTempFile("no-ca", ".pem"), "");
    runner.withPropertyValues("audit.siem.syslog.host=siem.example", "audit.siem.syslog.trusted-certificates=" + empty)
        .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
            .hasMessage("AUDIT-197 cannot read the CA certificates for the syslog TLS connection from " + empty
                + " (audit.siem.syslog.trusted-certificates): it holds no certificate. Name a PEM file with the"
                + " certificate of the CA that signed the syslog server's certificate"));
  }

  @Test
  void refusesAnOtlpEndpointThatIsNotHttp() {
    runner.withPropertyValues("audit.siem.otlp.endpoint=grpc://collector:4317")
        .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
            .hasMessage("AUDIT-197 audit.siem.otlp.endpoint must be an http or https URL such as"
                + " http://collector:4318/v1/logs, but was grpc://collector:4317"));
  }

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(AuditProperties.class)
  static class Store {
    @Bean
    AuditStore auditStore() {
      return AuditStore.open(new DriverManagerDataSource("jdbc:h2:mem:siem-" + System.nanoTime()
          + ";DB_CLOSE_DELAY=-1", "sa", ""));
    }
  }
}
