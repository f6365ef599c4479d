package org.auditrail.sample;

import java.util.Locale;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The automated steps of the KYC check. */
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
  JavaDelegate riskScoring() {
    return execution -> execution.setVariable("riskScore", riskScore(execution));
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

  static int riskScore(DelegateExecution execution) {
    int score = 10;
    String country = String.valueOf(execution.getVariable("country")).toUpperCase(Locale.ROOT);
    if (HIGH_RISK_COUNTRIES.contains(country)) {
      score += 50;
    }
    if (Boolean.TRUE.equals(execution.getVariable("sanctionsHit"))) {
      score += 80;
    }
    if ("none".equals(execution.getVariable("documentType"))) {
      score += 30;
    }
    return Math.min(score, 100);
  }
}
