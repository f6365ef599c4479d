package org.auditrail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.data.message.AiMessage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.auditrail.ai.ResponderRule;
import org.auditrail.seal.LogVerification;
import org.auditrail.seal.Sequencer;
import org.auditrail.trail.AuditTrail;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Numbers that canonical JSON (RFC 8785) cannot hold exactly (NaN, the infinities, integers beyond 2^53, more
 * digits than a double keeps) are recorded as strings of their exact text beside their type: the engine's command
 * goes through, nothing loops as an incident, and the log verifies. Run on every database.
 */
@SpringBootTest(classes = {org.auditrail.testapp.AuditTestApplication.class,
    UnrepresentableNumbersContract.HugeNumbersRule.class},
    properties = {
        "audit.ai.models.numbers-model.provider=offline",
        "audit.ai.models.numbers-model.model-id=auditrail-rule-based-responder-v1",
        "audit.ai.models.numbers-model.approved-for=numbersCase",
        "audit.ai.models.numbers-model.validation-status=approved"})
abstract class UnrepresentableNumbersContract {

  static final String ANSWER = "{\"exposure\":1e400,\"accountId\":9007199254740993,\"share\":0.1,"
      + "\"precise\":0.12345678901234567890123,\"limit\":9007199254740992,\"note\":\"ok\"}";

  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired RepositoryService repositoryService;
  @Autowired AuditTrail auditTrail;
  @Autowired Sequencer sequencer;
  @Autowired LogVerification verification;

  @Test
  void numbersJsonCannotHoldAreRecordedAsTheirExactTextWithTheirType() throws Exception {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("fail", false);
    variables.put("notANumber", Double.NaN);
    variables.put("upside", Double.POSITIVE_INFINITY);
    variables.put("downside", Double.NEGATIVE_INFINITY);
    variables.put("accountId", 9007199254740993L);
    variables.put("largest", Long.MAX_VALUE);
    variables.put("smallest", Long.MIN_VALUE);
    variables.put("limit", 9007199254740992L);
    variables.put("share", 0.1d);

    ProcessInstance instance = runtimeService.startProcessInstanceByKey("rollbackCase", "numbers-1", variables);

    assertThat(taskService.createTaskQuery().processInstanceId(instance.getId()).count())
        .as("the start command went through").isEqualTo(1);
    RecordedTrail trail = RecordedTrail.of(auditTrail, instance.getId());
    assertThat(trail.ofType("capture_failed")).isEmpty();
    JsonNode started = trail.single("process_started").path("input").path("variables");
    assertThat(started.path("notANumber").toString()).isEqualTo("{\"type\":\"double\",\"value\":\"NaN\"}");
    assertThat(started.path("upside").toString()).isEqualTo("{\"type\":\"double\",\"value\":\"Infinity\"}");
    assertThat(started.path("downside").toString()).isEqualTo("{\"type\":\"double\",\"value\":\"-Infinity\"}");
    assertThat(started.path("accountId").toString())
        .isEqualTo("{\"type\":\"long\",\"value\":\"9007199254740993\"}");
    assertThat(started.path("largest").toString())
        .isEqualTo("{\"type\":\"long\",\"value\":\"9223372036854775807\"}");
    assertThat(started.path("smallest").toString())
        .isEqualTo("{\"type\":\"long\",\"value\":\"-9223372036854775808\"}");
    assertThat(started.path("limit").toString()).isEqualTo("{\"type\":\"long\",\"value\":9007199254740992}");
    assertThat(started.path("share").toString()).isEqualTo("{\"type\":\"double\",\"value\":0.1}");
    assertThat(trail.where(event -> event.path("event_type").asText().equals("variable_created")
        && event.path("output").path("name").asText().equals("accountId")).get(0)
        .path("output").path("value").path("value").asText()).isEqualTo("9007199254740993");

    taskService.complete(taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult().getId());
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instance.getId()).count()).isZero();
    sequencer.sealOnce(true);
    assertThat(verification.run().verified()).as(verification.run().summary()).isTrue();
  }

  @Test
  void aModelAnswerWithNumbersJsonCannotHoldCompletesTheAiTaskWithTheirExactText() throws Exception {
    repositoryService.createDeployment().addString("numbers.bpmn", AiProcesses.xml("numbersCase", Map.of(
        "ai.prompt", "risk-rating", "ai.prompt-version", "1.0.0", "ai.model", "numbers-model",
        "ai.output-variable", "assessment", "ai.output-format", "json",
        // Numbers beyond what JSON holds arrive as their exact text, so they are declared as strings.
        "ai.output-fields", "accountId:string, exposure:string, limit:number, note:string, precise:string,"
            + " share:number"))).deploy();
    ProcessInstance instance = runtimeService.startProcessInstanceByKey("numbersCase", "numbers-2",
        Map.of("fail", false, "amount", 100, "invoiceNumber", "INV-1", "vendorId", "V-1"));
    Job job = managementService.createJobQuery().processInstanceId(instance.getId()).singleResult();

    managementService.executeJob(job.getId());

    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instance.getId()).count())
        .as("the AI task and the process ran to their end").isZero();
    assertThat(runtimeService.createIncidentQuery().count()).isZero();
    RecordedTrail trail = RecordedTrail.of(auditTrail, instance.getId());
    assertThat(trail.ofType("capture_failed")).isEmpty();
    assertThat(trail.where(event -> event.path("event_type").asText().equals("variable_created")
        && event.path("output").path("name").asText().equals("assessment")).get(0)
        .path("output").path("value").path("value").asText())
        .isEqualTo("{\"accountId\":\"9007199254740993\",\"exposure\":\"1e400\",\"limit\":9007199254740992,"
            + "\"note\":\"ok\",\"precise\":\"0.12345678901234567890123\",\"share\":0.1}");
    sequencer.sealOnce(true);
    assertThat(verification.run().verified()).as(verification.run().summary()).isTrue();
  }

  /** The offline responder answers numbers that an IEEE double does not hold. */
  @TestConfiguration(proxyBeanMethods = false)
  static class HugeNumbersRule {
    @Bean
    ResponderRule hugeNumbersRule() {
      return request -> Optional.of(AiMessage.from(ANSWER));
    }
  }
}
