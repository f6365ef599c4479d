package org.auditrail.sample;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Creates the demo users and groups on first start (the admin comes from camunda.bpm.admin-user). Each demo
 * user's password is their user id unless sample.demo-password is set; change both before any real use.
 */
@Component
class DemoUsers {

  record DemoUser(String id, String firstName, String lastName, String group) {}

  static final List<DemoUser> USERS = List.of(
      new DemoUser("mary", "Mary", "Reviewer", "reviewers"),
      new DemoUser("carol", "Carol", "Compliance", "compliance"),
      new DemoUser("alice", "Alice", "Auditor", "auditors"),
      new DemoUser("petra", "Petra", "Privacy", "privacy"));

  private final IdentityService identityService;
  private final String password;

  DemoUsers(IdentityService identityService, @Value("${sample.demo-password:}") String password) {
    this.identityService = identityService;
    this.password = password;
  }

  @EventListener
  public void createOnFirstStart(ApplicationReadyEvent event) {
    for (String group : USERS.stream().map(DemoUser::group).distinct().toList()) {
      if (identityService.createGroupQuery().groupId(group).count() == 0) {
        Group created = identityService.newGroup(group);
        created.setName(Character.toUpperCase(group.charAt(0)) + group.substring(1));
        created.setType("WORKFLOW");
        identityService.saveGroup(created);
      }
    }
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
