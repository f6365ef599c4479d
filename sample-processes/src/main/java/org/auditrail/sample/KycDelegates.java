package org.auditrail.sample;

import java.util.Locale;
import java.util.Set;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The automated steps of the KYC check; the risk rating is an AI task (see {@link KycRiskRule}). */
@Configuration(proxyBeanMethods = false)
class KycDelegates {

  /** Countries on the sample's high-risk list (FATF "call for action" style; illustrative only). */
  static final Set<String> HIGH_RISK_COUNTRIES = Set.of("IR", "KP", "MM");

  /** Names on the sample's sanctions list (fictional). */
  static final Set<String> SANCTIONED_NAMES = Set.of("boris badenov", "natasha fatale");

  @Bean
  JavaDelegate sanctionsScreening() {
    return execution -> {
      String name = ((String) execution.getVariable("customerName")).trim().toLowerCase(Locale.ROOT);
      execution.setVariable("sanctionsHit", SANCTIONED_NAMES.contains(name));
    };
  }

  @Bean
  JavaDelegate accountOpening() {
    return execution -> execution.setVariable("accountNumber",
        "ACC-" + Math.abs(execution.getProcessBusinessKey() == null ? execution.getId().hashCode()
            : execution.getProcessBusinessKey().hashCode()));
  }

  @Bean
  JavaDelegate customerRejection() {
    return execution -> execution.setVariable("rejectionLetterSent", true);
  }
}
