package org.auditrail.sample;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/**
 * Creates the demo users and their memberships on first start, when sample.demo-users.enabled (the admin comes from
 * camunda.bpm.admin-user). Each demo user's password is their user id unless sample.demo-password is set; outside
 * the embedded demo database the application refuses to start with either (see {@link DemoPasswords}).
 */
@Component
class DemoUsers {

  record DemoUser(String id, String firstName, String lastName, String group) {}

  static final List<DemoUser> USERS = List.of(
      new DemoUser("mary", "Mary", "Reviewer", SampleAuthorizations.REVIEWERS),
      new DemoUser("carol", "Carol", "Compliance", SampleAuthorizations.COMPLIANCE),
      new DemoUser("alice", "Alice", "Auditor", SampleAuthorizations.AUDITORS),
      new DemoUser("petra", "Petra", "Privacy", SampleAuthorizations.PRIVACY));

  private final IdentityService identityService;
  private final SampleProperties properties;

  DemoUsers(IdentityService identityService, SampleProperties properties) {
    this.identityService = identityService;
    this.properties = properties;
  }

  /** Creates the demo users that do not exist yet, each in their group; nothing when they are switched off. */
  void createMissing() {
    if (!properties.getDemoUsers().isEnabled()) {
      return;
    }
    String password = properties.getDemoPassword();
    for (DemoUser demo : USERS) {
      if (identityService.createUserQuery().userId(demo.id()).count() == 0) {
        User user = identityService.newUser(demo.id());
        user.setFirstName(demo.firstName());
        user.setLastName(demo.lastName());
        user.setEmail(demo.id() + "@example.org");
        user.setPassword(password.isEmpty() ? demo.id() : password);
        identityService.saveUser(user);
        identityService.createMembership(demo.id(), demo.group());
      }
    }
  }
}
