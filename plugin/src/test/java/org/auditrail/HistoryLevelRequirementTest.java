package org.auditrail;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.auditrail.capture.AuditConfigurationException;
import org.auditrail.testapp.AuditTestApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

class HistoryLevelRequirementTest {

  @Test
  void refusesToStartAnEngineWhoseHistoryLevelHidesIncidentsAndUserOperations() {
    assertThatThrownBy(() -> new SpringApplicationBuilder(AuditTestApplication.class)
            .run("--camunda.bpm.history-level=audit",
                "--spring.datasource.url=jdbc:h2:mem:history-level;DB_CLOSE_DELAY=-1").close())
        .rootCause()
        .isInstanceOf(AuditConfigurationException.class)
        .hasMessage("AUDIT-020 the audit trail needs the engine's history level 'full' (incidents, job failures and"
            + " user operations are only produced at that level), but it is 'audit'. Set"
            + " camunda.bpm.history-level=full, or the engine configuration's history property to 'full'.");
  }
}
