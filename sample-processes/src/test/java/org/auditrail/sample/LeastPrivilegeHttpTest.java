package org.auditrail.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The sample with Camunda authorization on, over real HTTP: no one but camunda-admin changes who may do what,
 * deploys, or changes a running case; every identity change is in the trail with who made it; and each demo role
 * still does its own work (the reviewer's Tasklist review is {@link TasklistReviewBrowserTest}).
 */
class LeastPrivilegeHttpTest extends RunningSampleApplication {

  @Autowired IdentityService identityService;
  @Autowired AuthorizationService authorizationService;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired HistoryService historyService;
  @Autowired SampleSetup setup;
  @Autowired SampleAuthorizations sampleAuthorizations;

  static Stream<Arguments> nonAdministrators() {
    return Stream.of(Arguments.of("mary"), Arguments.of("alice"));
  }

  @ParameterizedTest
  @MethodSource("nonAdministrators")
  void aNonAdministratorCannotChangeAnyMembership(String user) throws Exception {
    for (String group : List.of("auditors", "camunda-admin", "privacy", "compliance", "reviewers")) {
      assertThat(api.send("PUT", "/engine-rest/group/" + group + "/members/" + user, user, user, null).status())
          .as("%s joins %s", user, group).isEqualTo(403);
    }
    assertThat(api.send("DELETE", "/engine-rest/group/reviewers/members/mary", user, user, null).status())
        .isEqualTo(403);

    assertThat(identityService.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList())
        .containsExactly(user.equals("mary") ? "reviewers" : "auditors");
    assertThat(identityService.createUserQuery().memberOfGroup("reviewers").userId("mary").count()).isEqualTo(1);
  }

  @ParameterizedTest
  @MethodSource("nonAdministrators")
  void aNonAdministratorCannotCreateUsersGroupsOrAuthorizationsNorDeploy(String user) throws Exception {
    long authorizations = authorizationService.createAuthorizationQuery().count();
    long deployments = repositoryService.createDeploymentQuery().count();

    assertThat(api.send("POST", "/engine-rest/user/create", user, user, "{\"profile\":{\"id\":\"mallory" + user
        + "\",\"firstName\":\"M\",\"lastName\":\"M\",\"email\":\"m@example.org\"},\"credentials\":{\"password\":"
        + "\"s3cret-enough\"}}").status()).isEqualTo(403);
    assertThat(api.send("POST", "/engine-rest/group/create", user, user,
        "{\"id\":\"shadow" + user + "\",\"name\":\"Shadow\",\"type\":\"WORKFLOW\"}").status()).isEqualTo(403);
    assertThat(api.send("POST", "/engine-rest/authorization/create", user, user, "{\"type\":1,\"permissions\":"
        + "[\"ALL\"],\"userId\":\"" + user + "\",\"groupId\":null,\"resourceType\":" + Resources.GROUP.resourceType()
        + ",\"resourceId\":\"*\"}").status()).isEqualTo(403);
    assertThat(api.deployAs(user, "sneaky" + user).status()).isEqualTo(403);

    assertThat(identityService.createUserQuery().userId("mallory" + user).count()).isZero();
    assertThat(identityService.createGroupQuery().groupId("shadow" + user).count()).isZero();
    assertThat(authorizationService.createAuthorizationQuery().count()).isEqualTo(authorizations);
    assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(deployments);
  }

  @ParameterizedTest
  @MethodSource("nonAdministrators")
  void aNonAdministratorCannotModifySuspendMigrateOrDeleteACase(String user) throws Exception {
    String caseId = api.send("POST", "/engine-rest/process-definition/key/kycCheck/start", "demo", "demo",
        "{\"businessKey\":\"KYC-LP-" + user + "\",\"variables\":{\"customerNumber\":{\"value\":\"C-2001\"},"
            + "\"customerName\":{\"value\":\"Ivan Petrov\"},"
            + "\"country\":{\"value\":\"KP\"},\"documentType\":{\"value\":\"passport\"}}}").json(200).path("id")
        .asText();
    JsonNode task = api.awaitTask(caseId, "demo", "demo");
    String definitionId = task.path("processDefinitionId").asText();

    assertThat(api.send("POST", "/engine-rest/process-instance/" + caseId + "/modification", user, user,
        "{\"skipCustomListeners\":true,\"instructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":"
            + "\"openAccount\"},{\"type\":\"cancel\",\"activityId\":\"reviewKyc\"}]}").status()).isEqualTo(403);
    assertThat(api.send("PUT", "/engine-rest/process-instance/" + caseId + "/suspended", user, user,
        "{\"suspended\":true}").status()).isEqualTo(403);
    assertThat(api.send("POST", "/engine-rest/migration/execute", user, user, "{\"migrationPlan\":{"
        + "\"sourceProcessDefinitionId\":\"" + definitionId + "\",\"targetProcessDefinitionId\":\"" + definitionId
        + "\",\"instructions\":[]},\"processInstanceIds\":[\"" + caseId + "\"]}").status()).isEqualTo(403);
    assertThat(api.send("DELETE", "/engine-rest/process-instance/" + caseId, user, user, null).status())
        .isEqualTo(403);

    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(caseId).active().count()).isEqualTo(1);
    assertThat(runtimeService.createExecutionQuery().processInstanceId(caseId).activityId("reviewKyc").count())
        .isEqualTo(1);
  }

  @Test
  void aReviewerWorksTheTasksOfHerGroupButCannotReassignOrRenameThem() throws Exception {
    String caseId = api.send("POST", "/engine-rest/process-definition/key/kycCheck/start", "mary", "mary",
        "{\"businessKey\":\"KYC-LP-REVIEW\",\"variables\":{\"customerNumber\":{\"value\":\"C-2001\"},"
            + "\"customerName\":{\"value\":\"Ivan Petrov\"},"
            + "\"country\":{\"value\":\"KP\"},\"documentType\":{\"value\":\"passport\"}}}").json(200).path("id")
        .asText();
    String taskId = api.awaitTask(caseId, "mary", "mary").path("id").asText();

    assertThat(api.send("POST", "/engine-rest/task/" + taskId + "/assignee", "mary", "mary",
        "{\"userId\":\"carol\"}").status()).isEqualTo(403);
    assertThat(api.get("/engine-rest/process-instance/" + caseId, "mary", "mary").json(200).path("id").asText())
        .isEqualTo(caseId);
    assertThat(api.get("/engine-rest/task?processInstanceId=" + caseId, "alice", "alice").json(200)).isEmpty();
    api.send("POST", "/engine-rest/task/" + taskId + "/claim", "mary", "mary", "{\"userId\":\"mary\"}").status(204);
    assertThat(api.get("/engine-rest/task/" + taskId, "mary", "mary").json(200).path("assignee").asText())
        .isEqualTo("mary");
  }

  @Test
  void aPrivacyOfficerErasesThroughTheEngineThoughItShowsHerNoCaseAndNotWhileTheCaseRuns() throws Exception {
    String caseId = api.send("POST", "/engine-rest/process-definition/key/kycCheck/start", "demo", "demo",
        "{\"businessKey\":\"KYC-LP-ERASE\",\"variables\":{\"customerNumber\":{\"value\":\"C-3001\"},"
            + "\"customerName\":{\"value\":\"Rosa Lindqvist\"},"
            + "\"country\":{\"value\":\"KP\"},\"documentType\":{\"value\":\"passport\"}}}").json(200).path("id")
        .asText();
    api.awaitTask(caseId, "demo", "demo");
    assertThat(api.get("/engine-rest/process-instance/" + caseId, "petra", "petra").status()).isEqualTo(404);
    String subjectId = api.send("POST", "/api/privacy/subjects/lookup", "petra", "petra",
        "{\"value\":\"C-3001\"}").json(200).path("subject_id").asText();

    assertThat(api.send("POST", "/api/privacy/subjects/" + subjectId + "/erase", "petra", "petra", "").status())
        .isEqualTo(409);
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(caseId)
        .variableName("customerName").count()).isEqualTo(1);

    api.send("DELETE", "/engine-rest/process-instance/" + caseId, "demo", "demo", null).status(204);
    assertThat(api.send("POST", "/api/privacy/subjects/" + subjectId + "/erase", "petra", "petra", "").json(200)
        .path("subject_id").asText()).isEqualTo(subjectId);
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(caseId)
        .variableName("customerName").count()).isZero();
  }

  @Test
  void theComplianceOfficerAndTheAuditorStillReachTheirOwnPages() throws Exception {
    assertThat(api.get("/reports/compliance", "carol", "carol").status()).isEqualTo(200);
    assertThat(api.get("/api/audit/events?size=1", "alice", "alice").json(200).path("events")).hasSize(1);
    assertThat(api.get("/reports/compliance", "mary", "mary").status()).isEqualTo(403);
    assertThat(api.get("/api/audit/events?size=1", "carol", "carol").status()).isEqualTo(403);
  }

  @Test
  void membershipChangesByTheAdministratorReachTheTrailWithTheAdministratorAsActor() throws Exception {
    api.send("POST", "/engine-rest/user/create", "demo", "demo", "{\"profile\":{\"id\":\"trainee\",\"firstName\":"
        + "\"Tom\",\"lastName\":\"Trainee\",\"email\":\"tom@example.org\"},\"credentials\":{\"password\":"
        + "\"trainee-password-1\"}}").status(204);
    api.send("PUT", "/engine-rest/group/reviewers/members/trainee", "demo", "demo", null).status(204);
    api.send("DELETE", "/engine-rest/group/reviewers/members/trainee", "demo", "demo", null).status(204);

    List<String> changes = operations(SampleApi.events(api.get("/api/audit/traces/identity", "alice", "alice")
        .json(200)).stream().filter(event -> event.path("output").path("changes").toString().contains("\"trainee\""))
        .toList());
    assertThat(changes).containsExactly("user_operation Create User by demo",
        "user_operation Create Group membership by demo", "user_operation Delete Group membership by demo");
  }

  @Test
  void theSetUpOfGroupsAuthorizationsAndDemoUsersIsInTheTrailAndNotRepeated() throws Exception {
    List<JsonNode> setUp = SampleApi.events(api.get("/api/audit/traces/identity", "alice", "alice").json(200))
        .stream().filter(event -> event.path("actor").path("id").asText().equals(SampleSetup.ACTOR)).toList();
    long authorizations = authorizationService.createAuthorizationQuery().count();

    setup.createMissing(null);

    List<String> operations = operations(setUp);
    assertThat(operations.stream().filter(operation -> operation.endsWith(" Authorization by " + SampleSetup.ACTOR)))
        .hasSize(sampleAuthorizations.grants().size());
    assertThat(operations.stream().filter(operation -> operation.endsWith(" Group membership by "
        + SampleSetup.ACTOR))).hasSize(DemoUsers.USERS.size());
    assertThat(authorizationService.createAuthorizationQuery().count()).isEqualTo(authorizations);
    assertThat(SampleApi.events(api.get("/api/audit/traces/identity", "alice", "alice").json(200)).stream()
        .filter(event -> event.path("actor").path("id").asText().equals(SampleSetup.ACTOR)).count())
        .isEqualTo(setUp.size());
  }

  /**
   * "event_type operation_type entity_type by actor", once per operation: Camunda logs one entry per changed
   * property, each a user_operation event, all with the operation's operation_id.
   */
  private static List<String> operations(List<JsonNode> events) {
    Map<String, String> operations = new LinkedHashMap<>();
    for (JsonNode event : events) {
      operations.putIfAbsent(event.path("output").path("operation_id").asText(), event.path("event_type").asText()
          + " " + event.path("output").path("operation_type").asText() + " " + event.path("output")
          .path("entity_type").asText() + " by " + event.path("actor").path("id").asText());
    }
    return List.copyOf(operations.values());
  }
}
