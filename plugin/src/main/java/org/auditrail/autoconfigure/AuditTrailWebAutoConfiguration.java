package org.auditrail.autoconfigure;

import java.time.Clock;
import java.util.List;
import org.auditrail.capture.PersonalData;
import org.auditrail.capture.WorkerEvents;
import org.auditrail.review.ReviewStatistics;
import org.auditrail.seal.LogProofs;
import org.auditrail.seal.LogVerification;
import org.auditrail.seal.Sequencer;
import org.auditrail.store.AuditStore;
import org.auditrail.trail.AuditTrail;
import org.auditrail.trail.CaseBundleExporter;
import org.auditrail.web.ApiAccessRecorder;
import org.auditrail.web.ApiErrors;
import org.auditrail.web.ApiGuard;
import org.auditrail.web.AuditConsoleController;
import org.auditrail.web.AuthenticationFailureFilter;
import org.auditrail.web.AuthenticationFailures;
import org.auditrail.web.DataAccessFilter;
import org.auditrail.web.DataAccessRecorder;
import org.auditrail.capture.PersonalData;
import org.auditrail.web.AuditTrailController;
import org.auditrail.web.CaseBundleController;
import org.auditrail.web.ExternalTaskEventsController;
import org.auditrail.web.GuardedPath;
import org.auditrail.web.LogProofController;
import org.auditrail.web.ReviewStatsController;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * The web layer in a servlet web application: the auditor's API at /api/audit, the one error handler, and the one
 * {@link ApiGuard} in front of every {@link GuardedPath} (the plugin's APIs and the application's own).
 */
@AutoConfiguration(after = {AuditAutoConfiguration.class, AuditLogAutoConfiguration.class},
    afterName = "org.camunda.bpm.spring.boot.starter.CamundaBpmAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnBean(ProcessEngine.class)
@ConditionalOnProperty(prefix = "audit", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(AccessProperties.class)
public class AuditTrailWebAutoConfiguration {

  static final String API_PATH = "/api/audit/*";
  static final String INGEST_PATH = "/api/audit/external-tasks/*";
  static final String CONSOLE_PATH = "/audit";
  static final String GUARD = "auditApiGuard";

  @Bean
  @ConditionalOnMissingBean
  AuditTrail auditTrail(AuditStore store) {
    return new AuditTrail(store);
  }

  @Bean
  @ConditionalOnMissingBean
  AuditTrailController auditTrailController(AuditTrail auditTrail, AuditProperties properties,
      ObjectProvider<PersonalData> personalData) {
    return new AuditTrailController(auditTrail, properties.getApi().getMaxPageSize(),
        personalData.getIfAvailable(() -> PersonalData.NONE));
  }

  @Bean
  @ConditionalOnMissingBean
  ReviewStatistics auditReviewStatistics(AuditStore store) {
    return new ReviewStatistics(store.events());
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
  ApiErrors auditApiErrors() {
    return new ApiErrors();
  }

  @Bean
  @ConditionalOnMissingBean
  WorkerEvents auditWorkerEvents(ProcessEngine processEngine) {
    return new WorkerEvents(processEngine);
  }

  @Bean
  @ConditionalOnMissingBean
  ExternalTaskEventsController auditExternalTaskEventsController(WorkerEvents workerEvents,
      ProcessEngine processEngine, AuditProperties properties) {
    return new ExternalTaskEventsController(workerEvents, processEngine.getIdentityService(),
        properties.getIngest().getMaxEvents());
  }

  /**
   * Workers' reports, open to the worker groups only: ordered before the auditor's API, whose prefix covers it too,
   * since the guard applies the first path that covers a request.
   */
  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE)
  @ConditionalOnMissingBean(name = "auditIngestGuardedPath")
  GuardedPath auditIngestGuardedPath(AuditProperties properties) {
    return GuardedPath.of(properties.getIngest().getWorkerGroups(), INGEST_PATH);
  }

  /** The auditor's API, open to the reader groups. */
  @Bean
  @ConditionalOnMissingBean(name = "auditApiGuardedPath")
  GuardedPath auditApiGuardedPath(AuditProperties properties) {
    return GuardedPath.of(properties.getApi().getReaderGroups(), API_PATH);
  }

  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnProperty(prefix = "audit.console", name = "enabled", matchIfMissing = true)
  AuditConsoleController auditConsoleController(AuditProperties properties, ProcessEngine processEngine) {
    return new AuditConsoleController(properties.getConsole().getCockpitCaseUrl(),
        processEngine.getIdentityService(), properties.getAlerts().getGroups());
  }

  /** The auditor console, open to the same groups as the API whose answers it shows. */
  @Bean
  @ConditionalOnProperty(prefix = "audit.console", name = "enabled", matchIfMissing = true)
  @ConditionalOnMissingBean(name = "auditConsoleGuardedPath")
  GuardedPath auditConsoleGuardedPath(AuditProperties properties) {
    return GuardedPath.of(properties.getApi().getReaderGroups(), CONSOLE_PATH, CONSOLE_PATH + "/*");
  }

  @Bean
  @ConditionalOnMissingBean
  ApiAccessRecorder auditApiAccessRecorder(AuditStore store) {
    return new ApiAccessRecorder(store.events());
  }

  /** One filter for all guarded paths, registered for exactly their URL patterns. */
  @Bean
  @ConditionalOnMissingBean(name = GUARD)
  FilterRegistrationBean<ApiGuard> auditApiGuard(ProcessEngine processEngine, ObjectProvider<GuardedPath> paths,
      ApiAccessRecorder accesses, AuditProperties properties, ObjectProvider<AuthenticationFailures> failures) {
    List<GuardedPath> guarded = paths.orderedStream().toList();
    FilterRegistrationBean<ApiGuard> registration = new FilterRegistrationBean<>(new ApiGuard(
        processEngine.getIdentityService(), guarded, accesses, properties.getApi().getMaxBodyBytes(),
        failures.getIfAvailable()));
    registration.setUrlPatterns(guarded.stream().flatMap(path -> path.patterns().stream()).distinct().toList());
    registration.setName(GUARD);
    return registration;
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  @ConditionalOnProperty(prefix = "audit.access", name = "enabled", matchIfMissing = true)
  AuthenticationFailures auditAuthenticationFailures(AuditStore store, AccessProperties access) {
    return new AuthenticationFailures(store.events(), access.getFailedLoginBurst(), access.getFailedLoginWindow(),
        Clock.systemUTC());
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  @ConditionalOnProperty(prefix = "audit.access", name = "enabled", matchIfMissing = true)
  DataAccessRecorder auditDataAccessRecorder(AuditStore store, AccessProperties access) {
    return new DataAccessRecorder(store.events(), access.getQueueCapacity(), access.getBatchSize(),
        access.getRecordTimeout());
  }

  /**
   * Outermost on the engine API and the webapps' login, so that it sees the 401 of their own authentication
   * filters.
   */
  @Bean
  @ConditionalOnMissingBean(name = "auditAuthenticationFailureFilter")
  @ConditionalOnProperty(prefix = "audit.access", name = "enabled", matchIfMissing = true)
  FilterRegistrationBean<AuthenticationFailureFilter> auditAuthenticationFailureFilter(
      AuthenticationFailures failures, AccessProperties access) {
    FilterRegistrationBean<AuthenticationFailureFilter> registration = new FilterRegistrationBean<>(
        new AuthenticationFailureFilter(failures, access.getWebappLoginPath()));
    registration.setUrlPatterns(java.util.stream.Stream.concat(access.getEngineApiPaths().stream(),
        java.util.stream.Stream.of(access.getWebappLoginPath())).map(path -> path + "/*").toList());
    registration.setName("auditAuthenticationFailureFilter");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  /**
   * Last on the engine API, inside its authentication filter: the engine's authenticated user is set when it runs.
   */
  @Bean
  @ConditionalOnMissingBean(name = "auditDataAccessFilter")
  @ConditionalOnProperty(prefix = "audit.access", name = "enabled", matchIfMissing = true)
  FilterRegistrationBean<DataAccessFilter> auditDataAccessFilter(ProcessEngine processEngine,
      DataAccessRecorder recorder, AccessProperties access, ObjectProvider<PersonalData> personalData) {
    FilterRegistrationBean<DataAccessFilter> registration = new FilterRegistrationBean<>(new DataAccessFilter(
        processEngine.getIdentityService(), access.getEngineApiPaths(), recorder,
        personalData.getIfAvailable(() -> PersonalData.NONE)));
    registration.setUrlPatterns(access.getEngineApiPaths().stream().map(path -> path + "/*").toList());
    registration.setName("auditDataAccessFilter");
    registration.setOrder(Ordered.LOWEST_PRECEDENCE);
    registration.setMatchAfter(true);
    return registration;
  }
}
