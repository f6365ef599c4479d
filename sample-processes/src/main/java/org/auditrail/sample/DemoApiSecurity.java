package org.auditrail.sample;

import java.util.List;
import javax.sql.DataSource;
import org.auditrail.log.AuditEventWriter;
import org.auditrail.log.AuditSchema;
import org.auditrail.trail.AuditApiAccessRecorder;
import org.auditrail.trail.AuditApiAuthenticationFilter;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The demo API answers only to Camunda administrators (HTTP Basic), since it starts cases in bulk; the cases it
 * starts are attributed to the caller, and every call is recorded in the audit log like a call to the audit API.
 */
@Configuration(proxyBeanMethods = false)
class DemoApiSecurity {

  @Bean
  FilterRegistrationBean<AuditApiAuthenticationFilter> demoApiAuthentication(ProcessEngine processEngine) {
    DataSource dataSource = ((ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration())
        .getDataSource();
    AuditApiAccessRecorder accesses = new AuditApiAccessRecorder(dataSource,
        new AuditEventWriter(AuditSchema.dialectOf(dataSource)));
    FilterRegistrationBean<AuditApiAuthenticationFilter> registration = new FilterRegistrationBean<>(
        new AuditApiAuthenticationFilter(processEngine.getIdentityService(), List.of(Groups.CAMUNDA_ADMIN),
            accesses));
    registration.addUrlPatterns("/api/demo/*");
    registration.setName("demoApiAuthentication");
    return registration;
  }
}
