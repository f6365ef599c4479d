package org.auditrail.testapp;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** A plain Camunda Spring Boot application: the plugin joins it only through its auto-configuration. */
@SpringBootApplication
public class AuditTestApplication {

  /** Runs it in a JVM of its own, as tests of other class paths do. */
  public static void main(String[] args) {
    SpringApplication.run(AuditTestApplication.class, args);
  }

  /** Fails a service task while the process variable {@code fail} is true. */
  public static class FailIf {
    public void check(DelegateExecution execution) {
      if (Boolean.TRUE.equals(execution.getVariable("fail"))) {
        throw new IllegalStateException("Booking refused for " + execution.getProcessBusinessKey());
      }
    }
  }

  @Bean
  FailIf failIf() {
    return new FailIf();
  }
}
