package org.auditrail.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Camunda application from regulated finance (KYC checks, invoice approvals) with Tasklist, Cockpit, Admin and
 * the REST API. The audit trail comes from nothing but the plugin's dependency in the build.
 */
@SpringBootApplication
public class SampleApplication {

  public static void main(String[] args) {
    SpringApplication.run(SampleApplication.class, args);
  }
}
