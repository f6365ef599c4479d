package org.auditrail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.auditrail.autoconfigure.AuditLogMetrics;
import org.auditrail.seal.LogProofs;
import org.auditrail.seal.LogVerification;
import org.auditrail.seal.Sequencer;
import org.auditrail.store.AuditStore;
import org.auditrail.store.ContentBlob;
import org.auditrail.trail.AuditTrail;
import org.auditrail.trail.EventFilter;
import org.auditrail.verify.Checkpoint;
import org.auditrail.verify.NoteSigner;
import org.auditrail.verify.Rfc6962;
import org.auditrail.verify.SignedNote;
import org.auditrail.verify.log.VerificationReport;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Execution;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the audited engine must record, run against every supported database by its subclasses. The engine, its
 * transactions and the database are real; only the job executor is off, so that the tests decide when jobs run.
 */
abstract class AuditedEngineContract {

  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired RepositoryService repositoryService;
  @Autowired IdentityService identityService;
  @Autowired AuthorizationService authorizationService;
  @Autowired DataSource dataSource;
  @Autowired AuditStore store;
  @Autowired Sequencer sequencer;
  @Autowired LogProofs proofs;
  @Autowired LogVerification verification;
  @Autowired NoteSigner signer;
  @Autowired AuditLogMetrics metrics;

  AuditTrail trail;

  @BeforeEach
  void openTrail() {
    trail = new AuditTrail(store);
  }

  @AfterEach
  void logOut() {
    identityService.clearAuthentication();
  }

  @Test
  void recordsEveryStepOfAProcessWithEveryElementTypeAndWhoDidIt() throws IOException {
    identityService.setAuthenticatedUserId("olivia");
    ProcessInstance instance = runtimeService.startProcessInstanceByKey("everyElement", "case-every-1",
        Map.of("customerName", "Ada Lovelace", "amount", 1200));
    identityService.setAuthenticatedUserId("mary");
    Task review = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();
    taskService.claim(review.getId(), "mary");
    taskService.complete(review.getId(), Map.of("decision", "approve"));
    identityService.clearAuthentication();
    Job ledgerJob = managementService.createJobQuery().processInstanceId(instance.getId()).singleResult();
    managementService.executeJob(ledgerJob.getId());
    runtimeService.createMessageCorrelation("documentsReceived").processInstanceBusinessKey("case-every-1")
        .correlate();
    Execution acknowledgement = runtimeService.createExecutionQuery().processInstanceId(instance.getId())
        .activityId("receiveAck").singleResult();
    runtimeService.signal(acknowledgement.getId());
    Job timer = managementService.createJobQuery().processInstanceId(instance.getId()).timers().singleResult();
    managementService.executeJob(timer.getId());

    RecordedTrail recorded = RecordedTrail.of(trail, instance.getId());

    // The case: started by olivia with her variables, completed, one trace for the case and its sub-process.
    List<JsonNode> processStarts = recorded.ofType("process_started");
    assertThat(processStarts).hasSize(2);
    JsonNode started = processStarts.get(0);
    assertThat(started.path("context").path("process_instance_id").asText()).isEqualTo(instance.getId());
    assertThat(started.path("actor").path("type").asText()).isEqualTo("user");
    assertThat(started.path("actor").path("id").asText()).isEqualTo("olivia");
    assertThat(started.path("parent_event_id").isNull()).isTrue();
    assertThat(started.path("context").path("business_key").asText()).isEqualTo("case-every-1");
    assertThat(started.path("input").path("variables").path("customerName").toString())
        .isEqualTo("{\"type\":\"string\",\"value\":\"Ada Lovelace\"}");
    assertThat(started.path("input").path("variables").path("amount").toString())
        .isEqualTo("{\"type\":\"integer\",\"value\":1200}");
    JsonNode completed = recorded.where(e -> e.path("event_type").asText().equals("process_completed")
        && e.path("context").path("process_instance_id").asText().equals(instance.getId())).get(0);
    assertThat(completed.path("output").path("state").asText()).isEqualTo("COMPLETED");
    assertThat(completed.path("output").path("end_activity_id").asText()).isEqualTo("escalated");
    assertThat(recorded.events()).allSatisfy(event -> {
      assertThat(event.path("trace_id").asText()).isEqualTo(instance.getId());
      assertThat(event.path("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
      assertThat(event.path("event_id").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    });

    // Every element type the engine ran, started and ended, in its parent's scope.
    Map<String, String> typesOfMain = new LinkedHashMap<>();
    for (JsonNode event : recorded.where(e -> e.path("event_type").asText().equals("activity_started")
        && e.path("context").path("process_instance_id").asText().equals(instance.getId()))) {
      typesOfMain.put(event.path("context").path("activity_id").asText(),
          event.path("context").path("activity_type").asText());
    }
    assertThat(typesOfMain).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
        Map.entry("start", "startEvent"), Map.entry("score", "serviceTask"), Map.entry("annotate", "scriptTask"),
        Map.entry("rule", "businessRuleTask"), Map.entry("riskGateway", "exclusiveGateway"), Map.entry("riskMerge", "exclusiveGateway"),
        Map.entry("review", "userTask"), Map.entry("fork", "parallelGateway"), Map.entry("checks", "subProcess"),
        Map.entry("checksStart", "startEvent"), Map.entry("manualCheck", "manualTask"),
        Map.entry("checksEnd", "noneEndEvent"), Map.entry("callChild", "callActivity"),
        Map.entry("join", "parallelGateway"), Map.entry("inclusive", "inclusiveGateway"),
        Map.entry("sendNotice", "sendTask"), Map.entry("archiveTwice#multiInstanceBody", "multiInstanceBody"),
        Map.entry("archiveTwice", "serviceTask"), Map.entry("merge", "inclusiveGateway"),
        Map.entry("asyncStep", "serviceTask"), Map.entry("waitDocuments", "intermediateMessageCatch"),
        Map.entry("receiveAck", "receiveTask"), Map.entry("coolingOff", "intermediateTimer"),
        Map.entry("payment", "subProcess"), Map.entry("paymentStart", "startEvent"),
        Map.entry("paymentRejected", "errorEndEvent"), Map.entry("paymentFailed", "boundaryError"),
        Map.entry("escalated", "noneEndEvent")));
    assertThat(recorded.ofType("activity_completed", "archiveTwice")).hasSize(2);
    assertThat(recorded.ofType("activity_cancelled", "payment")).hasSize(1);
    JsonNode checksStarted = recorded.single("activity_started", "checks");
    assertThat(recorded.single("activity_started", "manualCheck").path("parent_event_id").asText())
        .isEqualTo(checksStarted.path("event_id").asText());
    assertThat(checksStarted.path("parent_event_id").asText()).isEqualTo(started.path("event_id").asText());
    Set<String> ids = recorded.events().stream().map(e -> e.path("event_id").asText()).collect(Collectors.toSet());
    assertThat(recorded.where(e -> !e.path("event_id").equals(started.path("event_id"))))
        .allSatisfy(event -> assertThat(ids).as("parent of %s", event.path("event_type"))
            .contains(event.path("parent_event_id").asText()));

    // The call activity's sub-process shares the trace and hangs below the call activity.
    assertThat(processStarts.get(1).path("context").path("process_definition_key").asText())
        .isEqualTo("childScreening");
    JsonNode childStart = recorded.where(e -> e.path("context").path("process_definition_key").asText()
        .equals("childScreening") && e.path("event_type").asText().equals("activity_started")
        && e.path("context").path("activity_id").asText().equals("childStart")).get(0);
    JsonNode childProcessStarted = recorded.byId(childStart.path("parent_event_id").asText());
    assertThat(childProcessStarted.path("event_type").asText()).isEqualTo("process_started");
    assertThat(childProcessStarted.path("parent_event_id").asText())
        .isEqualTo(recorded.single("activity_started", "callChild").path("event_id").asText());

    // Gateway decisions: the flow taken, the conditions of every alternative, and what the evaluated ones read.
    JsonNode risk = recorded.single("gateway_decision", "riskGateway");
    assertThat(risk.path("input").path("variables").toString())
        .isEqualTo("{\"score\":{\"type\":\"long\",\"value\":43}}");
    assertThat(risk.path("output").toString()).isEqualTo("{\"condition\":\"${score > 40}\",\"default\":false,"
        + "\"sequence_flow_id\":\"highRisk\",\"target_activity_id\":\"review\"}");
    assertThat(risk.path("input").path("alternatives").toString()).isEqualTo("[{\"condition\":\"${score > 40}\",\"default\":false,"
        + "\"sequence_flow_id\":\"highRisk\",\"target_activity_id\":\"review\"},"
        + "{\"condition\":null,\"default\":true,\"sequence_flow_id\":\"lowRisk\",\"target_activity_id\":\"riskMerge\"}]");
    assertThat(risk.path("parent_event_id").asText())
        .isEqualTo(recorded.single("activity_started", "riskGateway").path("event_id").asText());
    assertThat(takenFlows(recorded, "fork")).containsExactlyInAnyOrder("toChecks", "toCallChild");
    assertThat(takenFlows(recorded, "inclusive")).containsExactlyInAnyOrder("notify", "archive");

    // The user task: created in olivia's command, claimed and completed by mary with what she submitted.
    JsonNode created = recorded.single("task_created");
    assertThat(created.path("output").path("candidate_groups").toString()).isEqualTo("[\"reviewers\"]");
    assertThat(created.path("context").path("task_id").asText()).isEqualTo(review.getId());
    JsonNode claimed = recorded.single("task_claimed");
    assertThat(claimed.path("actor").path("id").asText()).isEqualTo("mary");
    assertThat(claimed.path("input").path("assignee").isNull()).isTrue();
    assertThat(claimed.path("output").path("assignee").asText()).isEqualTo("mary");
    JsonNode taskCompleted = recorded.single("task_completed");
    assertThat(taskCompleted.path("actor").toString())
        .isEqualTo("{\"id\":\"mary\",\"run_id\":null,\"type\":\"user\"}");
    assertThat(taskCompleted.path("output").path("variables").toString())
        .isEqualTo("{\"decision\":{\"type\":\"string\",\"value\":\"approve\"}}");
    assertThat(taskCompleted.path("parent_event_id").asText())
        .isEqualTo(recorded.single("activity_started", "review").path("event_id").asText());

    // Work the job executor did later is the system's, names its job, and points back to mary's action.
    JsonNode ledgerStarted = recorded.single("activity_started", "asyncStep");
    assertThat(ledgerStarted.path("actor").toString())
        .isEqualTo("{\"id\":\"job-executor\",\"run_id\":\"" + ledgerJob.getId() + "\",\"type\":\"system\"}");
    JsonNode jobCreated = recorded.where(e -> e.path("event_type").asText().equals("job_created")
        && e.path("context").path("job_id").asText().equals(ledgerJob.getId())).get(0);
    assertThat(recorded.byId(jobCreated.path("parent_event_id").asText()).path("actor").path("id").asText())
        .isEqualTo("mary");

    // Variables with their old and new values.
    JsonNode scoreCreated = recorded.where(e -> e.path("event_type").asText().equals("variable_created")
        && e.path("output").path("name").asText().equals("score")).get(0);
    assertThat(scoreCreated.path("output").path("value").toString()).isEqualTo("{\"type\":\"long\",\"value\":42}");
    JsonNode scoreUpdated = recorded.where(e -> e.path("event_type").asText().equals("variable_updated")
        && e.path("output").path("name").asText().equals("score")).get(0);
    assertThat(scoreUpdated.path("input").toString())
        .isEqualTo("{\"name\":\"score\",\"value\":{\"type\":\"long\",\"value\":42}}");
    assertThat(scoreUpdated.path("output").toString())
        .isEqualTo("{\"name\":\"score\",\"value\":{\"type\":\"long\",\"value\":43}}");

    // Every event names the BPMN it ran under, by the hash of the deployed XML.
    String bpmnSha256 = sha256OfResource(instance.getProcessDefinitionId());
    assertThat(started.path("snapshot").toString()).isEqualTo("{\"bpmn_resource\":\"" + resourceOf(instance) + "\","
        + "\"bpmn_sha256\":\"" + bpmnSha256 + "\",\"deployment_id\":\"" + deploymentOf(instance) + "\","
        + "\"process_definition_id\":\"" + instance.getProcessDefinitionId() + "\"}");
    assertThat(trail.content(bpmnSha256)).isPresent();
  }

  @Test
  void rolledBackWorkLeavesNoEventsAndCommittedWorkHasThemAll() {
    identityService.setAuthenticatedUserId("mary");
    ProcessInstance instance = runtimeService.startProcessInstanceByKey("rollbackCase", "rollback-1",
        Map.of("fail", true));
    int committedEvents = RecordedTrail.of(trail, instance.getId()).size();
    assertThat(committedEvents).isGreaterThan(0);
    Task approve = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();

    assertThatThrownBy(() -> taskService.complete(approve.getId(), Map.of("approved", true)))
        .hasMessageContaining("Booking refused for rollback-1");

    RecordedTrail afterRollback = RecordedTrail.of(trail, instance.getId());
    assertThat(afterRollback.size()).isEqualTo(committedEvents);
    assertThat(afterRollback.ofType("task_completed")).isEmpty();
    assertThat(afterRollback.ofType("activity_started", "book")).isEmpty();

    runtimeService.setVariable(instance.getId(), "fail", false);
    taskService.complete(approve.getId(), Map.of("approved", true));

    RecordedTrail committed = RecordedTrail.of(trail, instance.getId());
    assertThat(committed.single("task_completed").path("output").path("variables").toString())
        .isEqualTo("{\"approved\":{\"type\":\"boolean\",\"value\":true}}");
    assertThat(committed.single("activity_completed", "book")).isNotNull();
    assertThat(committed.single("activity_completed", "check")).isNotNull();
    assertThat(committed.single("process_completed").path("actor").path("id").asText()).isEqualTo("mary");
  }

  @Test
  void recordsFailedJobsIncidentsTheirResolutionAndUserOperations() {
    ProcessInstance instance = runtimeService.startProcessInstanceByKey("fragileBooking", "fragile-1",
        Map.of("fail", true));
    Job job = managementService.createJobQuery().processInstanceId(instance.getId()).singleResult();
    managementService.setJobRetries(job.getId(), 1);
    assertThatThrownBy(() -> managementService.executeJob(job.getId()))
        .hasMessageContaining("Booking refused for fragile-1");

    identityService.setAuthenticatedUserId("ops");
    runtimeService.setVariable(instance.getId(), "fail", false);
    managementService.setJobRetries(job.getId(), 1);
    identityService.clearAuthentication();
    managementService.executeJob(job.getId());

    RecordedTrail recorded = RecordedTrail.of(trail, instance.getId());
    JsonNode failed = recorded.single("job_failed");
    assertThat(failed.path("outcome").asText()).isEqualTo("error");
    assertThat(failed.path("error").toString())
        .isEqualTo("{\"message\":\"java.lang.IllegalStateException: Booking refused for fragile-1\","
            + "\"type\":\"job_failure\"}");
    assertThat(failed.path("context").path("job_id").asText()).isEqualTo(job.getId());
    JsonNode incident = recorded.single("incident_created");
    assertThat(incident.path("error").toString())
        .isEqualTo("{\"message\":\"java.lang.IllegalStateException: Booking refused for fragile-1\","
            + "\"type\":\"failedJob\"}");
    assertThat(recorded.single("incident_resolved").path("actor").path("id").asText()).isEqualTo("ops");

    JsonNode variableUpdated = recorded.single("variable_updated");
    assertThat(variableUpdated.path("actor").path("id").asText()).isEqualTo("ops");
    assertThat(variableUpdated.path("input").toString())
        .isEqualTo("{\"name\":\"fail\",\"value\":{\"type\":\"boolean\",\"value\":true}}");
    assertThat(variableUpdated.path("output").toString())
        .isEqualTo("{\"name\":\"fail\",\"value\":{\"type\":\"boolean\",\"value\":false}}");

    List<String> operations = recorded.ofType("user_operation").stream()
        .map(e -> e.path("output").path("operation_type").asText() + " by " + e.path("actor").path("id").asText())
        .toList();
    assertThat(operations).containsExactly("SetVariable by ops", "SetJobRetries by ops");
    assertThat(recorded.single("job_succeeded").path("actor").path("run_id").asText()).isEqualTo(job.getId());
    assertThat(recorded.single("process_completed")).isNotNull();
  }

  @Test
  void keepsLargeAndBinaryValuesInTheContentStoreByHash() {
    byte[] scan = new byte[10 * 1024 * 1024];
    for (int i = 0; i < scan.length; i++) {
      scan[i] = (byte) (i * 31);
    }
    byte[] passport = "%PDF-1.7 passport".getBytes(StandardCharsets.US_ASCII);
    ProcessInstance instance = runtimeService.startProcessInstanceByKey("rollbackCase", "content-1",
        Variables.createVariables().putValue("scan", scan)
            .putValue("passport", Variables.fileValue("passport.pdf").file(passport).mimeType("application/pdf")));

    RecordedTrail recorded = RecordedTrail.of(trail, instance.getId());
    JsonNode scanValue = variableValue(recorded, "scan");
    assertThat(scanValue.toString()).isEqualTo("{\"content\":{\"content_sha256\":\"" + ContentBlob.sha256Hex(scan)
        + "\",\"media_type\":\"application/octet-stream\",\"size\":10485760},\"type\":\"bytes\"}");
    assertThat(trail.content(ContentBlob.sha256Hex(scan)).orElseThrow().content()).isEqualTo(scan);
    JsonNode passportValue = variableValue(recorded, "passport");
    assertThat(passportValue.path("file_name").asText()).isEqualTo("passport.pdf");
    assertThat(passportValue.path("content").path("content_sha256").asText())
        .isEqualTo(ContentBlob.sha256Hex(passport));
  }

  @Test
  void everyChangeOfUsersGroupsMembershipsAndAuthorizationsIsRecordedInTheIdentityTraceWithItsAuthor() {
    String suffix = Long.toHexString(System.nanoTime());
    String userId = "clerk" + suffix;
    String groupId = "payments" + suffix;
    identityService.setAuthenticatedUserId("admin-ops");
    User user = identityService.newUser(userId);
    user.setPassword("not-the-id-" + suffix);
    identityService.saveUser(user);
    Group group = identityService.newGroup(groupId);
    identityService.saveGroup(group);
    identityService.createMembership(userId, groupId);
    Authorization grant = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    grant.setGroupId(groupId);
    grant.setResource(Resources.PROCESS_DEFINITION);
    grant.setResourceId("fragileBooking");
    grant.addPermission(Permissions.READ);
    grant = authorizationService.saveAuthorization(grant);
    grant.addPermission(Permissions.CREATE_INSTANCE);
    authorizationService.saveAuthorization(grant);
    authorizationService.deleteAuthorization(grant.getId());
    identityService.deleteMembership(userId, groupId);
    identityService.deleteGroup(groupId);
    identityService.deleteUser(userId);
    identityService.clearAuthentication();
    // Camunda logs identity operations only for an authenticated user: in-process set-up code is not in its log.
    User unattributed = identityService.newUser("setup" + suffix);
    unattributed.setPassword("not-the-id-" + suffix);
    identityService.saveUser(unattributed);

    // One user_operation event per changed property, as Camunda logs them; an operation's share its operation_id.
    RecordedTrail identity = RecordedTrail.of(trail, "identity");
    Map<String, List<JsonNode>> operations = new LinkedHashMap<>();
    for (JsonNode event : identity.where(event -> event.path("output").path("changes").toString().contains(suffix))) {
      operations.put(event.path("output").path("operation_id").asText(), identity.where(other -> other.path("output")
          .path("operation_id").asText().equals(event.path("output").path("operation_id").asText())));
    }
    assertThat(operations.values().stream().map(events -> events.get(0)).map(event -> event.path("event_type")
        .asText() + " " + event.path("output").path("operation_type").asText() + " " + event.path("output")
        .path("entity_type").asText() + " by " + event.path("actor").path("type").asText() + " " + event
        .path("actor").path("id").asText()).toList()).containsExactly(
            "user_operation Create User by user admin-ops",
            "user_operation Create Group by user admin-ops",
            "user_operation Create Group membership by user admin-ops",
            "user_operation Create Authorization by user admin-ops",
            "user_operation Update Authorization by user admin-ops",
            "user_operation Delete Authorization by user admin-ops",
            "user_operation Delete Group membership by user admin-ops",
            "user_operation Delete Group by user admin-ops",
            "user_operation Delete User by user admin-ops");
    List<List<JsonNode>> byOperation = List.copyOf(operations.values());
    assertThat(byOperation).allSatisfy(events -> assertThat(events).allSatisfy(event -> {
      assertThat(event.path("trace_id").asText()).isEqualTo("identity");
      assertThat(event.path("actor").path("id").asText()).isEqualTo("admin-ops");
      assertThat(event.path("output").path("category").asText()).isEqualTo("Admin");
      assertThat(event.path("context").has("process_instance_id")).isFalse();
    }));
    assertThat(changesOf(byOperation.get(2))).containsExactlyInAnyOrder(
        "{\"new_value\":\"" + userId + "\",\"org_value\":null,\"property\":\"userId\"}",
        "{\"new_value\":\"" + groupId + "\",\"org_value\":null,\"property\":\"groupId\"}");
    assertThat(changesOf(byOperation.get(4))).hasSize(6).contains(
        "{\"new_value\":\"READ, CREATE_INSTANCE\",\"org_value\":\"READ\",\"property\":\"permissions\"}",
        "{\"new_value\":\"fragileBooking\",\"org_value\":\"fragileBooking\",\"property\":\"resourceId\"}");
    assertThat(identity.where(event -> event.path("output").path("changes").toString().contains("setup" + suffix)))
        .isEmpty();
  }

  private static List<String> changesOf(List<JsonNode> events) {
    return events.stream().flatMap(event -> java.util.stream.StreamSupport.stream(event.path("output")
        .path("changes").spliterator(), false)).map(JsonNode::toString).toList();
  }

  @Test
  void recordsEachDeploymentWithItsResourcesByHash() {
    String bpmn = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\""
        + " xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" targetNamespace=\"t\">"
        + "<process id=\"inlineDeployed\" isExecutable=\"true\" camunda:historyTimeToLive=\"P1D\">"
        + "<startEvent id=\"s\"/></process></definitions>";
    identityService.setAuthenticatedUserId("deployer");
    Deployment deployment = repositoryService.createDeployment().name("inline")
        .addString("inline.bpmn", bpmn).deploy();
    identityService.clearAuthentication();

    List<JsonNode> events = trail.events(new EventFilter(null, null,
            org.auditrail.event.EventType.DEPLOYMENT_CREATED, "deployer", null, null, 0, 50))
        .events().stream().map(RecordedTrail::parse).toList();
    assertThat(events).hasSize(1);
    JsonNode recorded = events.get(0);
    String sha256 = ContentBlob.sha256Hex(bpmn.getBytes(StandardCharsets.UTF_8));
    ProcessDefinition definition = repositoryService.createProcessDefinitionQuery()
        .deploymentId(deployment.getId()).singleResult();
    assertThat(recorded.path("trace_id").asText()).isEqualTo(deployment.getId());
    assertThat(recorded.path("output").toString()).isEqualTo("{\"name\":\"inline\",\"process_definitions\":[{"
        + "\"bpmn_sha256\":\"" + sha256 + "\",\"id\":\"" + definition.getId() + "\",\"key\":\"inlineDeployed\","
        + "\"resource\":\"inline.bpmn\",\"version\":1}],\"resources\":[{\"content_sha256\":\"" + sha256 + "\","
        + "\"media_type\":\"application/xml\",\"name\":\"inline.bpmn\",\"size\":" + bpmn.length() + "}],"
        + "\"source\":null}");
    assertThat(new String(trail.content(sha256).orElseThrow().content(), StandardCharsets.UTF_8)).isEqualTo(bpmn);
  }

  @Test
  void sealsEveryCommittedEventOnceIntoASignedLogWhoseProofsVerify() throws Exception {
    sealEverything();
    long before = proofs.latestCheckpoint().orElseThrow().treeSize();
    ProcessInstance instance = runtimeService.startProcessInstanceByKey("rollbackCase", "sealed-1",
        Map.of("fail", false));
    Task approve = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();
    taskService.complete(approve.getId());
    sealEverything();

    long events;
    try (var connection = dataSource.getConnection()) {
      events = WholeLog.assertSealedExactlyOnce(connection);
    }
    assertThat(count("select count(*) from audit_unsealed")).isZero();

    LogProofs.StoredCheckpoint latest = proofs.latestCheckpoint().orElseThrow();
    assertThat(latest.treeSize()).isEqualTo(events);
    SignedNote note = SignedNote.parse(latest.signedNote());
    assertThat(signer.verifier().verifies(note)).isTrue();
    Checkpoint checkpoint = Checkpoint.parse(note.body());
    assertThat(checkpoint.origin()).isEqualTo("auditrail.example/log");
    assertThat(checkpoint.rootHash()).isEqualTo(latest.rootHash());

    for (JsonNode event : RecordedTrail.of(trail, instance.getId()).events()) {
      String eventId = event.path("event_id").asText();
      long index = proofs.indexOf(eventId).orElseThrow();
      byte[] leaf = Rfc6962.leafHash(storedPayload(eventId).getBytes(StandardCharsets.UTF_8));
      proofs.inclusionProof(index, latest.treeSize()).verify(leaf, latest.rootHash());
    }
    LogProofs.StoredCheckpoint earlier = proofs.checkpointAt(before).orElseThrow();
    proofs.consistencyProof(earlier.treeSize(), latest.treeSize()).verify(earlier.rootHash(), latest.rootHash());

    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    metrics.bindTo(registry);
    assertThat(registry.get("audit.log.seal.lag").tag("percentile", "p99").gauge().value())
        .isEqualTo(sequencer.status().sealLagP99Millis()).isGreaterThanOrEqualTo(0);
    assertThat(registry.get("audit.log.degraded").gauge().value()).isZero();

    VerificationReport report = verification.run();
    assertThat(report.findings()).isEmpty();
    assertThat(report.eventsChecked()).isEqualTo(events);
    assertThat(report.unsignedEvents()).isZero();
  }

  private void sealEverything() throws Exception {
    while (sequencer.sealOnce(true) > 0) {
      // Seal batch after batch until nothing is waiting.
    }
  }

  private long count(String sql) throws Exception {
    try (var connection = dataSource.getConnection(); var statement = connection.createStatement();
        var rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private String storedPayload(String eventId) throws Exception {
    try (var connection = dataSource.getConnection();
        var query = connection.prepareStatement("select payload from audit_event where event_id = ?")) {
      query.setString(1, eventId);
      try (var rows = query.executeQuery()) {
        rows.next();
        return rows.getString(1);
      }
    }
  }

  private static JsonNode variableValue(RecordedTrail recorded, String name) {
    return recorded.where(e -> e.path("event_type").asText().equals("variable_created")
        && e.path("output").path("name").asText().equals(name)).get(0).path("output").path("value");
  }

  private static Set<String> takenFlows(RecordedTrail recorded, String gatewayId) {
    Set<String> flows = new HashSet<>();
    recorded.ofType("gateway_decision", gatewayId)
        .forEach(e -> flows.add(e.path("output").path("sequence_flow_id").asText()));
    return flows;
  }

  private String resourceOf(ProcessInstance instance) {
    return repositoryService.getProcessDefinition(instance.getProcessDefinitionId()).getResourceName();
  }

  private String deploymentOf(ProcessInstance instance) {
    return repositoryService.getProcessDefinition(instance.getProcessDefinitionId()).getDeploymentId();
  }

  private String sha256OfResource(String processDefinitionId) throws IOException {
    try (InputStream model = repositoryService.getProcessModel(processDefinitionId)) {
      return ContentBlob.sha256Hex(model.readAllBytes());
    }
  }
}
