package org.auditrail.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.auditrail.seal.LogProofs;
import org.auditrail.seal.LogVerification;
import org.auditrail.store.AuditStore;
import org.auditrail.verify.NoteSigner;
import org.auditrail.watch.LogWatch;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class AuditWatchAutoConfigurationTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(AuditWatchAutoConfiguration.class))
      .withUserConfiguration(LogBeans.class);

  @Test
  void watchesTheLogByDefaultEveryFiveMinutesAndInFullEveryNight() {
    runner.run(context -> {
      assertThat(context).hasSingleBean(LogWatch.class).hasSingleBean(AuditWatchMetrics.class)
          .hasBean("auditFullVerifySchedule");
      WatchProperties watch = context.getBean(AuditProperties.class).getWatch();
      assertThat(watch.getVerifyInterval()).isEqualTo(Duration.ofMinutes(5));
      assertThat(watch.getFullVerifyCron()).isEqualTo("0 30 2 * * *");
    });
  }

  @Test
  void backsOffWhenDisabled() {
    runner.withPropertyValues("audit.watch.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(LogWatch.class)
            .doesNotHaveBean("auditFullVerifySchedule"));
  }

  @Test
  void backsOffWithoutTheLog() {
    new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AuditWatchAutoConfiguration.class))
        .run(context -> assertThat(context).doesNotHaveBean(LogWatch.class));
  }

  @Test
  void refusesAFullVerificationCronThatDoesNotParse() {
    runner.withPropertyValues("audit.watch.full-verify-cron=nightly")
        .run(context -> assertThat(context).hasFailed().getFailure()
            .hasRootCauseMessage("Cron expression must consist of 6 fields (found 1 in \"nightly\")"));
  }

  @Test
  void refusesAnIntervalThatIsNotPositive() {
    runner.withPropertyValues("audit.watch.verify-interval=0s")
        .run(context -> assertThat(context).hasFailed().getFailure()
            .hasRootCauseMessage("audit.watch.verify-interval must be positive, but was: PT0S"));
  }

  /** The log's beans, as the log's auto-configuration makes them, over an H2 database of its own. */
  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(AuditProperties.class)
  static class LogBeans {

    @Bean
    AuditStore auditStore() {
      return AuditStore.open(new DriverManagerDataSource("jdbc:h2:mem:watch-" + UUID.randomUUID()
          + ";DB_CLOSE_DELAY=-1", "sa", ""));
    }

    @Bean
    LogProofs logProofs(AuditStore store) {
      return new LogProofs(store.transactions());
    }

    @Bean
    LogVerification logVerification(AuditStore store) {
      NoteSigner signer = NoteSigner.generate("auditrail", new SecureRandom());
      return new LogVerification(store.transactions(), Path.of("target", "no-anchors"), List.of(signer.verifier()));
    }
  }
}
