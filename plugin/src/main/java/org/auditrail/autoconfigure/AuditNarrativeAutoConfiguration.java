package org.auditrail.autoconfigure;

import org.auditrail.ai.AiGeneration;
import org.auditrail.ai.AiTasks;
import org.auditrail.ai.ResponderRule;
import org.auditrail.narrative.CaseNarratives;
import org.auditrail.narrative.NarrativeRule;
import org.auditrail.store.AuditStore;
import org.auditrail.trail.AuditTrail;
import org.auditrail.web.CaseNarrativeController;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Case narratives: the offline narrative rule, the service that writes, checks and records them, and, in a servlet
 * application, their API under the auditor's API (and so behind its guard and reader groups).
 */
@AutoConfiguration(after = {AuditAiAutoConfiguration.class, AuditTrailWebAutoConfiguration.class})
@ConditionalOnBean({ProcessEngine.class, AiTasks.class})
@ConditionalOnProperty(prefix = "audit", name = {"enabled", "narrative.enabled"}, matchIfMissing = true)
public class AuditNarrativeAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean(NarrativeRule.class)
  ResponderRule auditNarrativeRule() {
    return new NarrativeRule();
  }

  @Bean
  @ConditionalOnMissingBean
  CaseNarratives auditCaseNarratives(AuditStore store, AiTasks tasks, AuditProperties properties) {
    NarrativeProperties narrative = properties.getNarrative();
    return new CaseNarratives(new AuditTrail(store), new AiGeneration(tasks), narrative.getModel(),
        narrative.getRiskTags(), narrative.getMaxEvents());
  }

  /** The API, in a servlet web application. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  static class Web {

    @Bean
    @ConditionalOnMissingBean
    CaseNarrativeController auditCaseNarrativeController(CaseNarratives narratives, ProcessEngine processEngine) {
      return new CaseNarrativeController(narratives, processEngine.getIdentityService());
    }
  }
}
