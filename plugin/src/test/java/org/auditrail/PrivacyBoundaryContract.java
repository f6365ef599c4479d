package org.auditrail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.auditrail.ai.AuditedTool;
import org.auditrail.event.Actor;
import org.auditrail.privacy.SubjectRights;
import org.auditrail.seal.LogVerification;
import org.auditrail.seal.Sequencer;
import org.auditrail.store.ContentBlob;
import org.auditrail.testapp.AuditTestApplication;
import org.auditrail.trail.AuditTrail;
import org.auditrail.trail.CaseBundleExporter;
import org.auditrail.verify.cli.AuditVerify;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Tokenization happens before a value goes anywhere: a KYC case whose personal values are distinctive strings (a
 * name, a date of birth inside a JSON text larger than the inline limit, a customer number as subject, an identity
 * scan as a file) runs an AI task over a real OpenAI client on loopback, a review, and a failing screening job; then
 * every column of every audit table, every blob and every answer of the audit API is scanned for the values. Run on
 * every database by its subclasses.
 */
@SpringBootTest(classes = {AuditTestApplication.class, PrivacyBoundaryContract.KycBeans.class},
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
        "audit.privacy.personal-variables=customerNumber,customerName,applicant.dateOfBirth,idScan,profile.summary",
        "audit.privacy.subject-variable=customerNumber",
        "audit.privacy.master-key-file=target/test-keys/privacy-${random.uuid}",
        "audit.capture.inline-limit=1KB"})
abstract class PrivacyBoundaryContract {

  static final String NAME = "Zebulon Quixtrap-Varga";
  static final String BIRTH_DATE = "1958-11-27";
  static final String NUMBER = "CN-77123049";
  static final String MODEL = "gpt-4o-mini-2024-07-18";
  static final LocalOpenAiServer PROVIDER = startProvider();

  @Autowired RuntimeService runtimeService;
  @Autowired HistoryService historyService;
  @Autowired TaskService taskService;
  @Autowired FormService formService;
  @Autowired ManagementService managementService;
  @Autowired RepositoryService repositoryService;
  @Autowired IdentityService identityService;
  @Autowired AuditTrail auditTrail;
  @Autowired DataSource dataSource;
  @Autowired Sequencer sequencer;
  @Autowired LogVerification verification;
  @Autowired SubjectRights rights;
  @Autowired CaseBundleExporter bundles;
  @LocalServerPort int port;

  @DynamicPropertySource
  static void model(DynamicPropertyRegistry registry) {
    String model = "audit.ai.models.kyc-model.";
    registry.add(model + "provider", () -> "openai");
    registry.add(model + "model-id", () -> MODEL);
    registry.add(model + "base-url", PROVIDER::baseUrl);
    registry.add(model + "api-key", () -> "test-key-not-a-secret");
    registry.add(model + "approved-for", () -> "kycCase,kycProfile");
    registry.add(model + "validation-status", () -> "approved");
    registry.add(model + "timeout", () -> "5s");
  }

  @Test
  void noPersonalValueReachesTheModelTheTrailTheContentStoreOrTheApiInClear() throws Exception {
    repositoryService.createDeployment().addString("kyc.bpmn", KYC_PROCESS).deploy();
    int requestsBefore = PROVIDER.requests().size();
    PROVIDER.enqueue(
        // The model knows only tokens, so it asks with them; the tool answers with the person's name.
        LocalOpenAiServer.toolCalls(MODEL, 300, 20, "bookCallback", "{\"customer\":\"see prompt\"}"),
        // A hostile answer names the person anyway: it is recorded with the token, the process gets it as it is.
        LocalOpenAiServer.text(MODEL, "{\"riskLevel\": \"high\", \"riskRationale\": \"" + NAME
            + " born " + BIRTH_DATE + " has adverse media\"}", 420, 30));
    ProcessInstance instance = startCase();
    String caseId = instance.getId();
    RecordedTrail trail = RecordedTrail.of(auditTrail, caseId);

    String nameToken = variableValue(trail, "customerName").path("value").asText();
    assertThat(nameToken).matches("customerName_T[0-9a-f]+");
    String numberToken = variableValue(trail, "customerNumber").path("value").asText();
    assertThat(numberToken).matches("customerNumber_T[0-9a-f]+");
    // The applicant's JSON is larger than the inline limit: its tokenized form, not the value, is in the store.
    JsonNode applicantValue = variableValue(trail, "applicant");
    assertThat(applicantValue.has("value")).isFalse();
    assertThat(applicantValue.path("tokenized").asBoolean()).isTrue();
    JsonNode applicant = RecordedTrail.parse(RecordedTrail.parse(blob(applicantValue.path("content"))).asText());
    String birthToken = applicant.path("dateOfBirth").asText();
    assertThat(birthToken).matches("applicant\\.dateOfBirth_T[0-9a-f]+");
    assertThat(applicant.path("notes").asText()).isEqualTo("Met " + nameToken + " at the branch. " + PADDING);
    // A personal file is never stored: its size, media type, and tokens of its hash and file name.
    JsonNode scan = variableValue(trail, "idScan");
    assertThat(scan.path("value").asText()).matches("idScan_T[0-9a-f]+");
    assertThat(scan.path("file_name").asText()).matches("idScan\\.file_name_T[0-9a-f]+");
    assertThat(scan.path("size").asInt()).isEqualTo(SCAN.length);
    assertThat(scan.path("media_type").asText()).isEqualTo("application/octet-stream");
    assertThat(scan.has("content")).isFalse();
    assertThat(auditTrail.content(ContentBlob.sha256Hex(SCAN))).isEmpty();

    // The model was sent tokens: the prompt, and the tool's result in the second request.
    List<String> requests = PROVIDER.requests().subList(requestsBefore, PROVIDER.requests().size());
    assertThat(requests).hasSize(2);
    String expectedPrompt = "Assess the KYC risk of customer " + nameToken + " (" + numberToken
        + "). Applicant record: {\"dateOfBirth\":\"" + birthToken + "\",\"notes\":\"Met " + nameToken
        + " at the branch. " + PADDING + "\",\"segment\":\"retail\"}\n";
    assertThat(requests.get(0)).contains(nameToken, numberToken, birthToken);
    assertThat(requests.get(1)).contains("Callback booked with " + nameToken);
    for (String request : requests) {
      assertThat(request).doesNotContain(NAME, BIRTH_DATE, NUMBER);
    }
    JsonNode decision = trail.single("decision");
    assertThat(blob(decision.path("input").path("prompt"))).isEqualTo(expectedPrompt);
    assertThat(decision.path("output").path("value").path("riskRationale").asText())
        .isEqualTo(nameToken + " born " + birthToken + " has adverse media");
    assertThat(blob(trail.single("tool_result").path("output").path("result")))
        .isEqualTo("Callback booked with " + nameToken);
    assertThat(blob(trail.ofType("model_call").get(1).path("output").path("message")))
        .contains(nameToken + " born " + birthToken).doesNotContain(NAME);
    // The process itself works with the real answer.
    assertThat(runtimeService.getVariable(caseId, "riskRationale"))
        .isEqualTo(NAME + " born " + BIRTH_DATE + " has adverse media");

    // The task's name is an expression of the name; the form shows the person, its snapshot their tokens.
    Task task = taskService.createTaskQuery().processInstanceId(caseId).singleResult();
    assertThat(task.getName()).isEqualTo("Review " + NAME);
    identityService.setAuthentication("rita", List.of("reviewers"));
    Map<String, Object> shown = formService.getTaskFormVariables(task.getId());
    assertThat(shown).containsEntry("customerName", NAME);
    formService.submitTaskForm(task.getId(), Map.of("riskLevel", "medium", "decision", "approve",
        "reviewReason", "called " + NAME + " back"));
    identityService.clearAuthentication();

    Job screening = managementService.createJobQuery().processInstanceId(caseId).singleResult();
    managementService.setJobRetries(screening.getId(), 1);
    assertThatThrownBy(() -> managementService.executeJob(screening.getId()))
        .hasMessage("java.lang.IllegalStateException: Sanctions list hit for " + NAME);
    runtimeService.deleteProcessInstance(caseId, "Closed after a call with " + NAME);

    trail = RecordedTrail.of(auditTrail, caseId);
    assertThat(trail.single("task_created").path("output").path("name").asText()).isEqualTo("Review " + nameToken);
    assertThat(trail.single("task_created").path("context").path("activity_name").asText()).isEqualTo("Review " + nameToken);
    JsonNode form = RecordedTrail.parse(blob(trail.single("task_form_opened").path("output").path("form")));
    assertThat(form.path("customerName").path("value").asText()).isEqualTo(nameToken);
    assertThat(form.path("applicant").path("value").asText()).contains("\"dateOfBirth\":\"" + birthToken + "\"");
    assertThat(form.path("riskRationale").path("value").asText())
        .isEqualTo(nameToken + " born " + birthToken + " has adverse media");
    assertThat(trail.single("human_review").path("output").path("reason").asText())
        .isEqualTo("called " + nameToken + " back");
    assertThat(variableValue(trail, "reviewReason").path("value").asText()).isEqualTo("called " + nameToken + " back");
    assertThat(trail.single("job_failed").path("error").path("message").asText())
        .isEqualTo("java.lang.IllegalStateException: Sanctions list hit for " + nameToken);
    assertThat(trail.single("incident_created").path("error").path("message").asText())
        .isEqualTo("java.lang.IllegalStateException: Sanctions list hit for " + nameToken);
    List<JsonNode> ended = trail.where(event -> event.path("event_type").asText().matches("process_(cancelled|completed)"));
    assertThat(ended).hasSize(1);
    assertThat(ended.get(0).path("input").path("reason").asText()).isEqualTo("Closed after a call with " + nameToken);

    // The scans find what is there: the tokens.
    assertThat(occurrencesInAuditTables(nameToken)).isNotEmpty();
    assertThat(occurrencesInApi(caseId, birthToken)).isNotEmpty();
    for (String value : List.of(NAME, BIRTH_DATE, NUMBER)) {
      assertThat(occurrencesInAuditTables(value)).as("audit table cells holding " + value).isEmpty();
      assertThat(occurrencesInApi(caseId, value)).as("audit API answers holding " + value).isEmpty();
    }
    sequencer.sealOnce(true);
    assertThat(verification.run().verified()).as(verification.run().summary()).isTrue();

    // The case has ended: its person is erased, and then no table of the database holds them, the engine's included.
    JsonNode erased = rights.erase(rights.lookup(NUMBER).path("subject_id").asText(), Actor.user("petra", null));
    assertThat(erased.path("cases").toString()).isEqualTo("[\"" + caseId + "\"]");
    for (String value : List.of(NAME, BIRTH_DATE, NUMBER)) {
      assertThat(DatabaseScan.cellsHolding(dataSource, value, DatabaseScan.EVERY_TABLE))
          .as("cells of any table holding " + value + " after the erasure").isEmpty();
    }
    // The log, and the case's bundle, still verify: they only ever held tokens.
    sequencer.sealOnce(true);
    assertThat(verification.run().verified()).as(verification.run().summary()).isTrue();
    Path zip = Files.write(Files.createTempFile("case", ".zip"), bundles.export(caseId).orElseThrow().zip());
    StringBuilder keys = new StringBuilder();
    verification.trustedKeys().forEach(key -> keys.append(key.vkey()).append('\n'));
    Path publicKeys = Files.writeString(Files.createTempFile("public-keys", ".txt"), keys);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status = AuditVerify.run(new String[] {"--bundle", zip.toString(), "--public-key", publicKeys.toString()},
        null, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("\n  complete: ");
    assertThat(status).as(out.toString(StandardCharsets.UTF_8)).isZero();
  }

  @Test
  void aDecisionRecordsTheModelsAnswerWithThePersonalFieldsOfItsOutputVariableAsTokens() {
    repositoryService.createDeployment().addString("profile.bpmn", PROFILE_PROCESS).deploy();
    PROVIDER.enqueue(LocalOpenAiServer.text(MODEL, "{\"summary\": \"Retired lighthouse keeper\"}", 100, 10));
    ProcessInstance instance = runtimeService.startProcessInstanceByKey("kycProfile", Map.of(
        "customerNumber", "CN-55500011", "customerName", "Ada Lighthouse", "applicant", "{\"segment\":\"retail\"}"));

    RecordedTrail trail = RecordedTrail.of(auditTrail, instance.getId());
    String recorded = variableValue(trail, "profile").path("value").asText();
    assertThat(recorded).matches("\\{\"summary\":\"profile\\.summary_T[0-9a-f]+\"}");
    assertThat(trail.single("decision").path("output").path("value").toString()).isEqualTo(recorded);
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
        .variableName("profile").singleResult().getValue())
        .isEqualTo("{\"summary\":\"Retired lighthouse keeper\"}");
  }

  private ProcessInstance startCase() {
    identityService.setAuthenticatedUserId("demo");
    try {
      // The customer number (the subject) first; the name is also written into the applicant's notes.
      Map<String, Object> variables = new LinkedHashMap<>();
      variables.put("customerNumber", NUMBER);
      variables.put("customerName", NAME);
      variables.put("applicant", "{\"dateOfBirth\":\"" + BIRTH_DATE + "\",\"notes\":\"Met " + NAME
          + " at the branch. " + PADDING + "\",\"segment\":\"retail\"}");
      variables.put("idScan", Variables.fileValue("scan of " + NAME + ".bin").file(SCAN)
          .mimeType("application/octet-stream").create());
      return runtimeService.startProcessInstanceByKey("kycCase", variables);
    } finally {
      identityService.clearAuthentication();
    }
  }

  private static JsonNode variableValue(RecordedTrail trail, String name) {
    List<JsonNode> written = trail.where(event -> event.path("event_type").asText().startsWith("variable_")
        && event.path("output").path("name").asText().equals(name));
    assertThat(written).as("events that wrote " + name).isNotEmpty();
    return written.get(written.size() - 1).path("output").path("value");
  }

  private String blob(JsonNode reference) {
    return new String(auditTrail.content(reference.path("content_sha256").asText()).orElseThrow().content(),
        StandardCharsets.UTF_8);
  }

  /** Every cell of every audit table and view that holds the value, as text or as UTF-8 bytes. */
  private List<String> occurrencesInAuditTables(String value) throws SQLException {
    return DatabaseScan.cellsHolding(dataSource, value, DatabaseScan.AUDIT_TABLES);
  }

  /** Every answer of the audit API for the case, every page of its events, and every blob it serves. */
  private List<String> occurrencesInApi(String caseId, String value) throws Exception {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    List<String> paths = new ArrayList<>(List.of("/api/audit/traces/" + caseId,
        "/api/audit/events?processInstanceId=" + caseId + "&size=500"));
    JsonNode page = RecordedTrail.parse(new String(get("/api/audit/events?size=1"), StandardCharsets.UTF_8));
    for (int index = 0; index * 500 < page.path("total").asInt(); index++) {
      paths.add("/api/audit/events?size=500&page=" + index);
    }
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query = connection.prepareStatement("select sha256 from audit_content");
        ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        paths.add("/api/audit/blobs/" + rows.getString(1));
      }
    }
    List<String> found = new ArrayList<>();
    for (String path : paths) {
      if (DatabaseScan.indexOf(get(path), bytes) >= 0) {
        found.add(path);
      }
    }
    return found;
  }

  private byte[] get(String path) throws IOException, InterruptedException {
    HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            "audra:audra-secret".getBytes(StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).as("GET " + path).isEqualTo(200);
    return response.body();
  }

  private static LocalOpenAiServer startProvider() {
    try {
      return new LocalOpenAiServer();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Makes the applicant's JSON larger than the 1 KB inline limit. */
  static final String PADDING = "Branch visit notes follow. ".repeat(40).strip();
  /** An identity scan whose bytes hold the name. */
  static final byte[] SCAN = ("\u0000\u00ffSCAN " + NAME + " " + BIRTH_DATE).getBytes(StandardCharsets.ISO_8859_1);

  static final String KYC_PROCESS = """
      <?xml version="1.0" encoding="UTF-8"?>
      <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="definitions" targetNamespace="urn:auditrail:test">
        <bpmn:process id="kycCase" isExecutable="true" camunda:historyTimeToLive="P30D">
          <bpmn:startEvent id="start"/>
          <bpmn:sequenceFlow id="toAssess" sourceRef="start" targetRef="assess"/>
          <bpmn:serviceTask id="assess" camunda:delegateExpression="${auditAiTask}">
            <bpmn:extensionElements>
              <camunda:properties>
                <camunda:property name="ai.prompt" value="kyc-privacy"/>
                <camunda:property name="ai.prompt-version" value="1.0.0"/>
                <camunda:property name="ai.model" value="kyc-model"/>
                <camunda:property name="ai.tools" value="bookCallback"/>
                <camunda:property name="ai.output-variable" value="kycAssessment"/>
                <camunda:property name="ai.output-format" value="json"/>
                <camunda:property name="ai.output-fields" value="riskLevel:low|medium|high, riskRationale:string"/>
              </camunda:properties>
            </bpmn:extensionElements>
          </bpmn:serviceTask>
          <bpmn:sequenceFlow id="toReview" sourceRef="assess" targetRef="review"/>
          <bpmn:userTask id="review" name="Review ${customerName}" camunda:candidateGroups="reviewers">
            <bpmn:extensionElements>
              <camunda:properties>
                <camunda:property name="review.ai-task" value="assess"/>
                <camunda:property name="review.draft-fields" value="riskLevel"/>
                <camunda:property name="review.decision-field" value="decision"/>
                <camunda:property name="review.reason-field" value="reviewReason"/>
              </camunda:properties>
              <camunda:formData>
                <camunda:formField id="customerName" label="Customer" type="string"/>
                <camunda:formField id="applicant" label="Applicant" type="string"/>
                <camunda:formField id="riskLevel" label="Risk level" type="string"/>
                <camunda:formField id="riskRationale" label="Rationale" type="string"/>
                <camunda:formField id="decision" label="Decision" type="string"/>
                <camunda:formField id="reviewReason" label="Reason" type="string"/>
              </camunda:formData>
            </bpmn:extensionElements>
          </bpmn:userTask>
          <bpmn:sequenceFlow id="toScreen" sourceRef="review" targetRef="screen"/>
          <bpmn:serviceTask id="screen" camunda:asyncBefore="true"
              camunda:expression="${sanctionsScreen.check(execution)}"/>
          <bpmn:sequenceFlow id="toEnd" sourceRef="screen" targetRef="end"/>
          <bpmn:endEvent id="end"/>
        </bpmn:process>
      </bpmn:definitions>
      """;

  static final String PROFILE_PROCESS = """
      <?xml version="1.0" encoding="UTF-8"?>
      <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="definitions" targetNamespace="urn:auditrail:test">
        <bpmn:process id="kycProfile" isExecutable="true" camunda:historyTimeToLive="P30D">
          <bpmn:startEvent id="start"/>
          <bpmn:sequenceFlow id="toProfile" sourceRef="start" targetRef="profile"/>
          <bpmn:serviceTask id="profile" camunda:delegateExpression="${auditAiTask}">
            <bpmn:extensionElements>
              <camunda:properties>
                <camunda:property name="ai.prompt" value="kyc-privacy"/>
                <camunda:property name="ai.prompt-version" value="1.0.0"/>
                <camunda:property name="ai.model" value="kyc-model"/>
                <camunda:property name="ai.output-variable" value="profile"/>
                <camunda:property name="ai.output-format" value="json"/>
                <camunda:property name="ai.output-fields" value="summary:string"/>
              </camunda:properties>
            </bpmn:extensionElements>
          </bpmn:serviceTask>
          <bpmn:sequenceFlow id="toEnd" sourceRef="profile" targetRef="end"/>
          <bpmn:endEvent id="end"/>
        </bpmn:process>
      </bpmn:definitions>
      """;

  @TestConfiguration(proxyBeanMethods = false)
  static class KycBeans {

    @Bean
    CallbackTools callbackTools() {
      return new CallbackTools();
    }

    @Bean
    SanctionsScreen sanctionsScreen() {
      return new SanctionsScreen();
    }

    /** The auditor who reads the API. */
    @Bean
    org.springframework.boot.CommandLineRunner auditor(IdentityService identityService) {
      return args -> {
        if (identityService.createUserQuery().userId("audra").count() == 0) {
          User audra = identityService.newUser("audra");
          audra.setPassword("audra-secret");
          identityService.saveUser(audra);
          identityService.saveGroup(identityService.newGroup("auditors"));
          identityService.createMembership("audra", "auditors");
        }
      };
    }
  }

  /** A side-effecting tool whose result names the person, as a CRM lookup would. */
  public static class CallbackTools {
    @Tool("Books a callback with the customer")
    @AuditedTool(version = "1.0.0", sideEffects = true)
    public String bookCallback(@P("the customer") String customer) {
      return "Callback booked with " + NAME;
    }
  }

  /** A screening step whose error echoes the name, as many do. */
  public static class SanctionsScreen {
    public void check(DelegateExecution execution) {
      throw new IllegalStateException("Sanctions list hit for " + execution.getVariable("customerName"));
    }
  }
}
