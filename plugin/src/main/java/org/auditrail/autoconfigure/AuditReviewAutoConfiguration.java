package org.auditrail.autoconfigure;

import javax.sql.DataSource;
import org.auditrail.capture.DetachedEventLog;
import org.auditrail.review.ReviewPlugin;
import org.auditrail.store.AuditEventWriter;
import org.auditrail.store.AuditSchema;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.ListableBeanFactory;
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
  static ReviewPlugin auditReviewPlugin(ListableBeanFactory beans) {
    DataSource dataSource = EngineDataSources.independent(beans);
    return new ReviewPlugin(new DetachedEventLog(dataSource, new AuditEventWriter(AuditSchema.migrate(dataSource))));
  }
}
