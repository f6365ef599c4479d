package org.auditrail.web;

import java.util.Collection;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;

/** The user {@link ApiGuard} let in, with the groups it set for the request. */
final class GuardedUser {

  private GuardedUser() {}

  /** Whether the user of this request is a member of one of the groups. */
  static boolean inAnyOf(IdentityService identityService, Collection<String> groups) {
    Authentication user = identityService.getCurrentAuthentication();
    return user != null && user.getGroupIds() != null && user.getGroupIds().stream().anyMatch(groups::contains);
  }
}
