package org.auditrail.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import org.auditrail.ai.AiGeneration;
import org.auditrail.ai.AiTasks;
import org.auditrail.ai.ResponderRule;
import org.auditrail.alert.Alerts;
import org.auditrail.capture.DetachedEventLog;
import org.auditrail.report.ComplianceReports;
import org.auditrail.report.ReportJobs;
import org.auditrail.report.ReportMonth;
import org.auditrail.report.ReportRenderer;
import org.auditrail.report.ReportSummaryRule;
import org.auditrail.seal.LogProofs;
import org.auditrail.seal.LogVerification;
import org.auditrail.seal.ScheduledWork;
import org.auditrail.store.AuditStore;
import org.auditrail.web.ComplianceReportController;
import org.auditrail.web.GuardedPath;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Monthly compliance reports: generation and archiving, the monthly schedule, the offline summary rule, and, in a
 * servlet application, the reports page and API behind Camunda authentication for the report groups.
 */
@AutoConfiguration(after = {AuditAiAutoConfiguration.class, AuditLogAutoConfiguration.class})
@ConditionalOnBean({ProcessEngine.class, AiTasks.class, LogProofs.class})
@ConditionalOnProperty(prefix = "audit", name = {"enabled", "reports.enabled"}, matchIfMissing = true)
public class AuditReportAutoConfiguration {

  static final String[] PATHS = {"/reports/*", "/api/reports/*"};

  @Bean
  @ConditionalOnMissingBean(ReportSummaryRule.class)
  ResponderRule auditReportSummaryRule() {
    return new ReportSummaryRule();
  }

  @Bean
  @ConditionalOnMissingBean
  ComplianceReports auditComplianceReports(AuditStore store, DetachedEventLog log, AiTasks tasks, LogProofs proofs,
      LogVerification verification, AuditProperties properties) {
    return new ComplianceReports(store, log, proofs, verification, new AiGeneration(tasks),
        properties.getReports().getSummaryModel(), new ReportRenderer(properties.getReports().getTemplateDirectory()));
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  ReportJobs auditReportJobs(ComplianceReports reports, ObjectProvider<ScheduledWork> work) {
    return new ReportJobs(reports, work.getIfAvailable(ScheduledWork::new));
  }

  /** Last month's report, generated and archived on the configured day. */
  @Bean(destroyMethod = "close")
  CronSchedule auditReportSchedule(ReportJobs jobs, AuditProperties properties, ObjectProvider<ScheduledWork> work) {
    return new CronSchedule("audit-report-schedule", properties.getReports().getCron(),
        () -> jobs.submit(ReportMonth.current().previous(), ReportJobs.SCHEDULER),
        work.getIfAvailable(ScheduledWork::new)).start();
  }

  /** The reports page and API, in a servlet web application. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  static class Web {

    @Bean
    @ConditionalOnMissingBean
    ComplianceReportController auditComplianceReportController(ComplianceReports reports, ReportJobs jobs,
        ProcessEngine processEngine, ObjectProvider<Alerts> alerts, AuditProperties properties) {
      // Those who may read alerts through the API: the alert groups and the auditor's reader groups.
      List<String> alertReaders = new ArrayList<>(properties.getAlerts().getGroups());
      alertReaders.addAll(properties.getApi().getReaderGroups());
      return new ComplianceReportController(reports, jobs, processEngine.getIdentityService(),
          alerts.getIfAvailable(), alertReaders);
    }

    /** Open to the report groups, through the web layer's one guard. */
    @Bean
    @ConditionalOnMissingBean(name = "auditReportGuardedPath")
    GuardedPath auditReportGuardedPath(AuditProperties properties) {
      return GuardedPath.of(properties.getReports().getGroups(), PATHS);
    }
  }
}
