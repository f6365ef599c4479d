package org.auditrail.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.auditrail.event.Actor;
import org.auditrail.seal.Sequencer;
import org.auditrail.testapp.AuditTestApplication;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * On the real engine: the month's report lists as manual operations exactly the operator actions, not the cases
 * people started or the variables they set through the API. A context of its own, so that the month holds only
 * what this test did.
 */
@SpringBootTest(classes = AuditTestApplication.class, properties = "spring.application.name=operator-actions-report")
class OperatorActionsInTheReportTest {

  private static final Pattern FINDING = Pattern.compile(
      "<tr>\\s*<td class=\"time\">[^<]*</td>\\s*<td>([^<]*)</td>\\s*<td>([^<]*)</td>");

  @Autowired ComplianceReports reports;
  @Autowired Sequencer sequencer;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired HistoryService historyService;
  @Autowired IdentityService identityService;
  @Autowired AuthorizationService authorizationService;

  @Test
  void theMonthsManualOperationsAreExactlyItsOperatorActionsNotTheCasesStartedThroughTheApi() throws Exception {
    ProcessDefinition v1 = deploy("Operator case");
    ProcessDefinition v2 = deploy("Operator case, second version");
    // What the engine's REST API does for a request by demo: authenticate demo, then call the service.
    identityService.setAuthenticatedUserId("demo");
    ProcessInstance modified = runtimeService.startProcessInstanceById(v2.getId(), "OPS-1");
    ProcessInstance migrated = runtimeService.startProcessInstanceById(v1.getId(), "OPS-2");
    ProcessInstance deleted = runtimeService.startProcessInstanceById(v2.getId(), "OPS-3");
    runtimeService.setVariable(modified.getId(), "note", "called the customer");
    identityService.setAuthenticatedUserId("ops");
    try {
      runtimeService.createProcessInstanceModification(modified.getId()).cancelAllForActivity("work")
          .startBeforeActivity("check").execute();
      runtimeService.suspendProcessInstanceById(modified.getId());
      runtimeService.activateProcessInstanceById(modified.getId());
      MigrationPlan plan = runtimeService.createMigrationPlan(v1.getId(), v2.getId()).mapEqualActivities().build();
      runtimeService.newMigration(plan).processInstanceIds(migrated.getId()).execute();
      runtimeService.deleteProcessInstance(deleted.getId(), "opened twice");
      historyService.deleteHistoricProcessInstance(deleted.getId());
      Authorization grant = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      grant.setUserId("mallory");
      grant.setResource(Resources.PROCESS_INSTANCE);
      grant.setResourceId("*");
      grant.addPermission(Permissions.ALL);
      authorizationService.saveAuthorization(grant);
      identityService.saveUser(identityService.newUser("mallory"));
      identityService.saveGroup(identityService.newGroup("treasury"));
      identityService.createMembership("mallory", "treasury");
    } finally {
      identityService.clearAuthentication();
    }
    sequencer.sealOnce(true);

    ArchivedReport report = reports.generate(ReportMonth.current(), Actor.user("carol", null), stage -> { });

    List<String> findings = FINDING.matcher(new String(report.html(), StandardCharsets.UTF_8)).results()
        .map(row -> row.group(1) + ": " + row.group(2)).toList();
    // One finding per operation, though Camunda logs a migration, a history deletion or a new authorization as
    // one entry per property.
    assertThat(findings).containsExactly(
        "Manual operation: ops: process instance modification (ModifyProcessInstance ProcessInstance)",
        "Manual operation: ops: suspension (Suspend ProcessInstance)",
        "Manual operation: ops: activation (Activate ProcessInstance)",
        "Manual operation: ops: migration (Migrate ProcessInstance)",
        "Manual operation: ops: process instance deletion (Delete ProcessInstance)",
        "Manual operation: ops: history deletion (DeleteHistory ProcessInstance)",
        "Manual operation: ops: authorization change (Create Authorization)",
        "Manual operation: ops: authorization change (Create Group membership)");
  }

  private ProcessDefinition deploy(String name) {
    String id = repositoryService.createDeployment().addModelInstance("operator-case.bpmn",
        Bpmn.createExecutableProcess("operatorCase").name(name).startEvent().userTask("work").userTask("check")
            .endEvent().done()).deploy().getId();
    return repositoryService.createProcessDefinitionQuery().deploymentId(id).singleResult();
  }
}
