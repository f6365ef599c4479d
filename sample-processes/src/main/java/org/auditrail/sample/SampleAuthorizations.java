package org.auditrail.sample;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The sample's groups and exactly the engine rights each needs, with Camunda authorization on. Everything else,
 * administration above all (users, groups, memberships, authorizations, deployments, changing process instances),
 * stays with camunda-admin, to which the Spring Boot starter grants ALL on every resource.
 * <ul>
 *   <li>{@code reviewers}: Tasklist; start the two sample processes (the four-eyes rule is about a reviewer who
 *       started the case); read both definitions and their instances. Their tasks they read, claim and complete
 *       through the candidate-group permission the engine grants on each task ({@code TASK_WORK}, see
 *       application.yaml).</li>
 *   <li>{@code compliance}: Tasklist for the escalated KYC reviews, and reading that definition and its instances;
 *       the reports check membership themselves.</li>
 *   <li>{@code auditors}, {@code privacy}: nothing in the engine. The audit and privacy APIs check membership
 *       themselves, and the engine's history (Cockpit) holds personal data in clear that the trail tokenizes.</li>
 * </ul>
 * An authorization that exists already, for a group, resource and resource id, is left as it is, so a second start
 * duplicates nothing and an administrator's later change stands.
 */
@Component
class SampleAuthorizations {

  static final String REVIEWERS = "reviewers";
  static final String COMPLIANCE = "compliance";
  static final String AUDITORS = "auditors";
  static final String PRIVACY = "privacy";
  static final List<String> GROUPS = List.of(REVIEWERS, COMPLIANCE, AUDITORS, PRIVACY);

  record Grant(String groupId, Resource resource, String resourceId, List<Permission> permissions) {}

  private final IdentityService identityService;
  private final AuthorizationService authorizationService;
  private final FilterService filterService;
  private final String taskFilterName;

  SampleAuthorizations(IdentityService identityService, AuthorizationService authorizationService,
      FilterService filterService, @Value("${camunda.bpm.filter.create:}") String taskFilterName) {
    this.identityService = identityService;
    this.authorizationService = authorizationService;
    this.filterService = filterService;
    this.taskFilterName = taskFilterName;
  }

  /** Creates the groups and grants that do not exist yet. */
  void createMissing() {
    for (String groupId : GROUPS) {
      if (identityService.createGroupQuery().groupId(groupId).count() == 0) {
        Group group = identityService.newGroup(groupId);
        group.setName(Character.toUpperCase(groupId.charAt(0)) + groupId.substring(1));
        group.setType("WORKFLOW");
        identityService.saveGroup(group);
      }
    }
    for (Grant grant : grants()) {
      if (authorizationService.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_GRANT)
          .groupIdIn(grant.groupId()).resourceType(grant.resource()).resourceId(grant.resourceId()).count() == 0) {
        Authorization authorization = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        authorization.setGroupId(grant.groupId());
        authorization.setResource(grant.resource());
        authorization.setResourceId(grant.resourceId());
        grant.permissions().forEach(authorization::addPermission);
        authorizationService.saveAuthorization(authorization);
      }
    }
  }

  List<Grant> grants() {
    List<Grant> grants = new ArrayList<>();
    List<Permission> readWithInstances = List.of(ProcessDefinitionPermissions.READ,
        ProcessDefinitionPermissions.READ_INSTANCE);
    List<Permission> readAndStart = List.of(ProcessDefinitionPermissions.READ,
        ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.CREATE_INSTANCE);
    for (String taskWorkers : List.of(REVIEWERS, COMPLIANCE)) {
      grants.add(new Grant(taskWorkers, Resources.APPLICATION, "tasklist", List.of(Permissions.ACCESS)));
      for (Filter filter : taskFilters()) {
        grants.add(new Grant(taskWorkers, Resources.FILTER, filter.getId(), List.of(Permissions.READ)));
      }
    }
    for (String process : DemoCases.PROCESSES) {
      grants.add(new Grant(REVIEWERS, Resources.PROCESS_DEFINITION, process, readAndStart));
    }
    grants.add(new Grant(REVIEWERS, Resources.PROCESS_INSTANCE, Authorization.ANY,
        List.of(ProcessInstancePermissions.CREATE)));
    grants.add(new Grant(COMPLIANCE, Resources.PROCESS_DEFINITION, DemoCases.KYC, readWithInstances));
    return grants;
  }

  /** The task filter the starter creates (camunda.bpm.filter.create), which Tasklist shows. */
  private List<Filter> taskFilters() {
    return taskFilterName.isEmpty() ? List.of() : filterService.createTaskFilterQuery().filterName(taskFilterName)
        .list();
  }
}
