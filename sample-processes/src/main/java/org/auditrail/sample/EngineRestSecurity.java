package org.auditrail.sample;

import org.auditrail.web.CrossSiteGuard;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The engine's REST API answers only to Camunda users (HTTP Basic), and every engine call it makes runs as that
 * user, so the audit trail names them. A browser caches Basic credentials, so state-changing calls from a page of
 * another site are refused first (a plain HTML form can post a multipart deployment).
 */
@Configuration(proxyBeanMethods = false)
class EngineRestSecurity {

  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.addUrlPatterns("/engine-rest/*");
    registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
    registration.setName("engineRestAuthentication");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
    return registration;
  }

  @Bean
  FilterRegistrationBean<CrossSiteGuard> engineRestCrossSiteGuard() {
    FilterRegistrationBean<CrossSiteGuard> registration = new FilterRegistrationBean<>(new CrossSiteGuard());
    registration.addUrlPatterns("/engine-rest/*");
    registration.setName("engineRestCrossSiteGuard");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }
}
