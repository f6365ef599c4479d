package org.auditrail.autoconfigure;

import java.util.Set;
import org.auditrail.capture.DetachedEventLog;
import org.auditrail.capture.PersonalData;
import org.auditrail.privacy.MasterKey;
import org.auditrail.privacy.PersonalDataTokens;
import org.auditrail.privacy.SubjectRights;
import org.auditrail.privacy.SubjectVault;
import org.auditrail.store.AuditStore;
import org.auditrail.web.GuardedPath;
import org.auditrail.web.PrivacyController;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Privacy by design: the vault, tokenization of the personal variables (configured in
 * {@code audit.privacy.personal-variables} or declared by an AI task's {@code ai.personal-variables}) in events and
 * prompts, and the privacy officers' API. The master key is checked at start when the vault holds subjects, and
 * otherwise read (or generated) when the first personal value arrives.
 */
@AutoConfiguration(after = AuditAutoConfiguration.class,
    afterName = "org.camunda.bpm.spring.boot.starter.CamundaBpmAutoConfiguration")
@ConditionalOnClass(ProcessEngineConfigurationImpl.class)
@ConditionalOnProperty(prefix = "audit", name = "enabled", matchIfMissing = true)
public class AuditPrivacyAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  SubjectVault auditSubjectVault(ListableBeanFactory beans, AuditStore store, AuditProperties properties) {
    // The vault's tables are the store's to migrate: asking for the store migrates them before the vault opens.
    PrivacyProperties privacy = properties.getPrivacy();
    SubjectVault vault = new SubjectVault(EngineDataSources.independent(beans),
        new MasterKey(privacy.getMasterKeyFile(), privacy.getPreviousMasterKeyFiles()));
    // A vault in use is opened now: a lost or wrong master key stops the node, like a lost signing key.
    vault.checkMasterKey();
    return vault;
  }

  @Bean
  @ConditionalOnMissingBean
  PersonalData auditPersonalData(SubjectVault vault, AuditProperties properties) {
    PrivacyProperties privacy = properties.getPrivacy();
    String subject = privacy.getSubjectVariable() != null ? privacy.getSubjectVariable()
        : privacy.getPersonalVariables().stream().findFirst().orElse(null);
    return new PersonalDataTokens(vault, Set.copyOf(privacy.getPersonalVariables()), subject,
        privacy.isPersonalBusinessKey());
  }

  /** The data subjects' rights, once there is an engine. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnBean(ProcessEngine.class)
  static class Rights {

    @Bean
    @ConditionalOnMissingBean
    SubjectRights auditSubjectRights(SubjectVault vault, DetachedEventLog log, AuditStore store,
        ProcessEngine engine) {
      return new SubjectRights(vault, log, store.events(), engine);
    }
  }

  /** The privacy officers' API, in a servlet web application with an engine. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  @ConditionalOnBean(ProcessEngine.class)
  static class Web {

    @Bean
    @ConditionalOnMissingBean
    PrivacyController auditPrivacyController(SubjectRights rights, ProcessEngine processEngine) {
      return new PrivacyController(rights, processEngine.getIdentityService());
    }

    /** Open to the privacy officers, through the web layer's one guard. */
    @Bean
    @ConditionalOnMissingBean(name = "auditPrivacyGuardedPath")
    GuardedPath auditPrivacyGuardedPath(AuditProperties properties) {
      return GuardedPath.of(properties.getPrivacy().getOfficerGroups(), "/api/privacy/*");
    }
  }
}
