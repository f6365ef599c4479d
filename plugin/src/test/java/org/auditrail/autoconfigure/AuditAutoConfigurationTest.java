package org.auditrail.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import org.auditrail.capture.AuditPlugin;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class AuditAutoConfigurationTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(AuditAutoConfiguration.class));

  @Test
  void registersTheAuditPluginByDefault() {
    runner.run(context -> assertThat(context).hasSingleBean(AuditPlugin.class).hasBean("auditPlugin"));
  }

  @Test
  void backsOffWhenDisabled() {
    runner.withPropertyValues("audit.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(AuditPlugin.class));
  }

  @Test
  void backsOffWhenTheApplicationDefinesItsOwnAuditPlugin() {
    runner.withUserConfiguration(OwnPlugin.class)
        .run(context -> assertThat(context).doesNotHaveBean(AuditPlugin.class).hasBean("auditPlugin"));
  }

  @Test
  void refusesAnInlineLimitTooSmallToHoldAnEvent() {
    runner.withPropertyValues("audit.capture.inline-limit=100B")
        .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
            .hasMessage("audit.capture.inline-limit must be at least 256 bytes, but was: 100"));
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnPlugin {
    @Bean
    ProcessEnginePlugin auditPlugin() {
      return new AbstractProcessEnginePlugin() {};
    }
  }
}
