package org.auditrail.sample;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The automated steps of the invoice approval. */
@Configuration(proxyBeanMethods = false)
class InvoiceDelegates {

  @Bean
  JavaDelegate invoiceValidation() {
    return execution -> {
      Object amount = execution.getVariable("amount");
      if (!(amount instanceof Number number) || number.doubleValue() <= 0) {
        throw new BpmnError("INVALID_INVOICE", "amount must be a positive number, but was: " + amount);
      }
      execution.setVariable("validated", true);
    };
  }

  @Bean
  JavaDelegate ledgerBooking() {
    return execution -> execution.setVariable("ledgerEntry", "LED-" + execution.getProcessBusinessKey());
  }

  @Bean
  JavaDelegate paymentScheduling() {
    return execution -> execution.setVariable("paymentScheduled", true);
  }

  @Bean
  JavaDelegate vendorNotification() {
    return execution -> execution.setVariable("vendorNotified", true);
  }
}
