package org.auditrail.autoconfigure;

import org.auditrail.capture.DetachedEventLog;
import org.auditrail.review.ReviewPlugin;
import org.auditrail.store.AuditStore;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/** Human review of AI drafts: the review rules on marked user tasks, and a record of every opened task form. */
@AutoConfiguration(after = AuditAiAutoConfiguration.class)
@ConditionalOnClass(ProcessEngineConfigurationImpl.class)
@ConditionalOnProperty(prefix = "audit", name = "enabled", matchIfMissing = true)
public class AuditReviewAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean(name = "auditReviewPlugin")
  static ReviewPlugin auditReviewPlugin(DetachedEventLog log, AuditStore store) {
    return new ReviewPlugin(log, store.events());
  }
}
