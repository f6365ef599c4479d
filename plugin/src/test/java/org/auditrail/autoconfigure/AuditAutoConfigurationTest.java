package org.auditrail.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;
import org.auditrail.capture.AuditPlugin;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

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

  @Test
  void migratesAsTheEngineUserUnlessAnOwnerIsConfigured() {
    runner.run(context -> assertThat(context).doesNotHaveBean("auditSchemaOwnerMigration"));
  }

  @Test
  void refusesASeparateOwnerOnH2WhereRolesAreNotSeparated() {
    runner.withBean(DataSource.class, () -> new DriverManagerDataSource("jdbc:h2:mem:owner-on-h2", "sa", ""))
        .withPropertyValues("audit.schema.username=owner", "audit.schema.password=secret")
        .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
            .hasMessage("AUDIT-091 audit.schema.username is set, but the audit tables are on H2, where the owner"
                + " and the runtime role are not separated. Remove audit.schema.* (the engine's user then migrates"
                + " them), or keep the audit tables on PostgreSQL."));
  }

  @Test
  void refusesToStartWhenNoEngineDataSourceWasMigratedByTheOwner() {
    runner.withPropertyValues("audit.schema.username=owner")
        .run(context -> assertThat(context).hasFailed().getFailure()
            .hasMessageStartingWith("AUDIT-096 audit.schema.username is set, but the audit tables were not migrated"
                + " as their owner before the engine's data source was used"));
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnPlugin {
    @Bean
    ProcessEnginePlugin auditPlugin() {
      return new AbstractProcessEnginePlugin() {};
    }
  }
}
