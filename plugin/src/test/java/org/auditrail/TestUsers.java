package org.auditrail;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;

/** Camunda users for tests that call the plugin's API over HTTP: each with the password {@code <id>-secret}. */
public final class TestUsers {

  private TestUsers() {
  }

  /** Creates the user as a member of the group, creating the group first when it does not exist yet. */
  public static void create(IdentityService identityService, String id, String group) {
    User user = identityService.newUser(id);
    user.setPassword(id + "-secret");
    identityService.saveUser(user);
    if (identityService.createGroupQuery().groupId(group).count() == 0) {
      identityService.saveGroup(identityService.newGroup(group));
    }
    identityService.createMembership(id, group);
  }
}
