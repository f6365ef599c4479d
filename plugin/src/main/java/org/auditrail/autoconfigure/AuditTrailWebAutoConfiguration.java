package org.auditrail.autoconfigure;

import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.auditrail.log.AuditEventWriter;
import org.auditrail.log.AuditSchema;
import org.auditrail.log.LogProofs;
import org.auditrail.log.LogVerification;
import org.auditrail.log.Sequencer;
import org.auditrail.review.ReviewStatistics;
import org.auditrail.trail.AuditApiAccessRecorder;
import org.auditrail.trail.AuditApiAuthenticationFilter;
import org.auditrail.trail.AuditApiErrors;
import org.auditrail.trail.AuditTrail;
import org.auditrail.trail.AuditTrailController;
import org.auditrail.trail.CaseBundleController;
import org.auditrail.trail.CaseBundleExporter;
import org.auditrail.trail.LogProofController;
import org.auditrail.trail.ReviewStatsController;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.DispatcherServlet;

/** Serves the auditor's API at /api/audit in a servlet web application, behind Camunda authentication. */
@AutoConfiguration(after = {AuditAutoConfiguration.class, AuditLogAutoConfiguration.class},
    afterName = "org.camunda.bpm.spring.boot.starter.CamundaBpmAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnBean(ProcessEngine.class)
@ConditionalOnProperty(prefix = "audit", name = "enabled", matchIfMissing = true)
public class AuditTrailWebAutoConfiguration {

  static final String API_PATH = "/api/audit/*";

  @Bean
  @ConditionalOnMissingBean
  AuditTrail auditTrail(ProcessEngine processEngine) {
    return new AuditTrail(AuditAutoConfiguration.engineDataSource(processEngine));
  }

  @Bean
  @ConditionalOnMissingBean
  AuditTrailController auditTrailController(AuditTrail auditTrail, AuditProperties properties) {
    return new AuditTrailController(auditTrail, properties.getApi().getMaxPageSize());
  }

  @Bean
  @ConditionalOnMissingBean
  ReviewStatistics auditReviewStatistics(ProcessEngine processEngine) {
    return new ReviewStatistics(AuditAutoConfiguration.engineDataSource(processEngine));
  }

  @Bean
  @ConditionalOnMissingBean
  ReviewStatsController auditReviewStatsController(ReviewStatistics statistics) {
    return new ReviewStatsController(statistics);
  }

  @Bean
  @ConditionalOnMissingBean
  LogProofController auditLogProofController(LogProofs proofs, Sequencer sequencer,
      LogVerification verification) {
    return new LogProofController(proofs, sequencer, verification);
  }

  @Bean
  @ConditionalOnMissingBean
  CaseBundleExporter auditCaseBundleExporter(AuditTrail auditTrail, LogProofs proofs, LogVerification verification,
      AuditProperties properties) {
    return new CaseBundleExporter(auditTrail, proofs, verification, properties.getLog().toSettings().maxSealDelay(),
        Clock.systemUTC());
  }

  @Bean
  @ConditionalOnMissingBean
  CaseBundleController auditCaseBundleController(CaseBundleExporter exporter) {
    return new CaseBundleController(exporter);
  }

  @Bean
  @ConditionalOnMissingBean
  AuditApiErrors auditApiErrors() {
    return new AuditApiErrors();
  }

  @Bean
  @ConditionalOnMissingBean(name = "auditApiAuthenticationFilter")
  FilterRegistrationBean<AuditApiAuthenticationFilter> auditApiAuthenticationFilter(ProcessEngine processEngine,
      AuditProperties properties) {
    return authentication(processEngine, properties.getApi().getReaderGroups(), "auditApiAuthenticationFilter",
        API_PATH);
  }

  /**
   * Camunda HTTP Basic authentication for the given paths, open to members of the given groups, with every call by
   * a known user recorded as an {@code audit_api_accessed} event.
   */
  static FilterRegistrationBean<AuditApiAuthenticationFilter> authentication(ProcessEngine processEngine,
      List<String> groups, String name, String... paths) {
    DataSource dataSource = AuditAutoConfiguration.engineDataSource(processEngine);
    AuditApiAccessRecorder accesses = new AuditApiAccessRecorder(dataSource,
        new AuditEventWriter(AuditSchema.dialectOf(dataSource)));
    FilterRegistrationBean<AuditApiAuthenticationFilter> registration = new FilterRegistrationBean<>(
        new AuditApiAuthenticationFilter(processEngine.getIdentityService(), groups, accesses));
    registration.addUrlPatterns(paths);
    registration.setName(name);
    return registration;
  }
}
