package org.auditrail.sample;

import java.util.List;
import org.auditrail.web.GuardedPath;
import org.camunda.bpm.engine.authorization.Groups;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The demo API answers only to Camunda administrators, since it starts cases in bulk. Guarded by the plugin's own
 * guard (HTTP Basic, same-origin JSON, every call recorded in the audit log); the cases it starts are attributed
 * to the caller.
 */
@Configuration(proxyBeanMethods = false)
class DemoApiAccess {

  @Bean
  GuardedPath demoApiGuardedPath() {
    return GuardedPath.of(List.of(Groups.CAMUNDA_ADMIN), "/api/demo/*");
  }
}
