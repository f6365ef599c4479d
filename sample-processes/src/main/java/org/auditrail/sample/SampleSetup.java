package org.auditrail.sample;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Groups;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * At every start, creates what is missing of the sample's groups, authorizations and demo users. It runs as the
 * named user {@value #ACTOR} with camunda-admin's rights: Camunda writes identity and authorization changes to its
 * user operation log only for an authenticated user, and so the audit trail records this set-up too (trace
 * {@code identity}), each change an operation of its own.
 */
@Component
class SampleSetup {

  static final String ACTOR = "sample-setup";

  private final ProcessEngine engine;
  private final SampleAuthorizations authorizations;
  private final DemoUsers demoUsers;

  SampleSetup(ProcessEngine engine, SampleAuthorizations authorizations, DemoUsers demoUsers) {
    this.engine = engine;
    this.authorizations = authorizations;
    this.demoUsers = demoUsers;
  }

  @EventListener
  public void createMissing(ApplicationReadyEvent event) {
    IdentityService identityService = engine.getIdentityService();
    identityService.setAuthentication(ACTOR, List.of(Groups.CAMUNDA_ADMIN));
    try {
      authorizations.createMissing();
      demoUsers.createMissing();
    } finally {
      identityService.clearAuthentication();
    }
  }
}
