package org.auditrail.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Year;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code POST /api/demo/cases} over real HTTP: an administrator starts sample cases with generated data, as
 * themselves; anyone else, and any bad request, starts nothing. Only what the endpoint guarantees is asserted, not
 * that the cases complete (their AI tasks run later on the job executor).
 */
class DemoCasesHttpTest extends RunningSampleApplication {

  private static final String CASES = "/api/demo/cases";
  private static final List<String> KNOWN_VENDORS = List.of("Acme Office Supplies GmbH", "Nordlicht Logistics AB",
      "Bluewater Consulting Ltd", "Helvetia Precision AG", "Sunrise Catering BV", "Orion Data Services SRL");

  @Autowired HistoryService historyService;

  @ParameterizedTest
  @ValueSource(strings = {"kycCheck", "invoiceApproval"})
  void theAdministratorStartsCasesWithPlausibleDataAsThemselves(String process) throws Exception {
    JsonNode started = api.send("POST", CASES, "demo", "demo", "{\"process\":\"" + process + "\",\"count\":3}")
        .json(201);

    assertThat(started.path("process").asText()).isEqualTo(process);
    assertThat(started.path("count").asInt()).isEqualTo(3);
    List<String> ids = texts(started.path("process_instance_ids"));
    List<String> businessKeys = texts(started.path("business_keys"));
    assertThat(ids).hasSize(3).doesNotHaveDuplicates();
    String prefix = (process.equals("kycCheck") ? "KYC" : "INV") + "-DEMO-";
    assertThat(businessKeys).hasSize(3).doesNotHaveDuplicates().allMatch(key -> key.startsWith(prefix));
    String batch = businessKeys.get(0).substring(0, businessKeys.get(0).lastIndexOf('-') + 1);
    assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey(process)
        .processInstanceBusinessKeyLike(batch + "%").count()).isEqualTo(3);
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceIds(Set.copyOf(ids))
        .processDefinitionKey(process).startedBy("demo").count()).isEqualTo(3);
    for (int i = 0; i < 3; i++) {
      assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(ids.get(i)).singleResult()
          .getBusinessKey()).isEqualTo(businessKeys.get(i));
      Map<String, Object> variables = variables(ids.get(i));
      if (process.equals("kycCheck")) {
        assertPlausibleKycApplication(variables);
      } else {
        assertPlausibleInvoice(variables);
      }
    }
  }

  @Test
  void theSameSeedGivesTheSameDataUnderNewBusinessKeys() throws Exception {
    JsonNode first = startKycCases("{\"process\":\"kycCheck\",\"count\":3,\"seed\":42}");
    JsonNode again = startKycCases("{\"process\":\"kycCheck\",\"count\":3,\"seed\":42}");
    JsonNode other = startKycCases("{\"process\":\"kycCheck\",\"count\":3,\"seed\":43}");

    assertThat(first.path("seed").asLong()).isEqualTo(42);
    assertThat(variablesOf(again)).isEqualTo(variablesOf(first));
    assertThat(variablesOf(other)).isNotEqualTo(variablesOf(first));
    assertThat(texts(again.path("business_keys"))).doesNotContainAnyElementsOf(texts(first.path("business_keys")));
  }

  @Test
  void withoutASeedTheAnswerNamesTheOneDrawnSoTheDataCanBeRepeated() throws Exception {
    JsonNode drawn = startKycCases("{\"process\":\"kycCheck\",\"count\":2}");
    JsonNode repeated = startKycCases("{\"process\":\"kycCheck\",\"count\":2,\"seed\":"
        + drawn.path("seed").asLong() + "}");

    assertThat(variablesOf(repeated)).isEqualTo(variablesOf(drawn));
  }

  @Test
  void aUserWhoIsNoAdministratorIsForbiddenAndStartsNothing() throws Exception {
    long before = startedCases();

    SampleApi.Reply reply = api.send("POST", CASES, "mary", "mary", "{\"process\":\"kycCheck\",\"count\":3}");

    assertThat(reply.json(403).path("code").asText()).isEqualTo("forbidden");
    assertThat(startedCases()).isEqualTo(before);
  }

  @Test
  void theEndpointNeedsCredentialsOfAKnownUser() throws Exception {
    long before = startedCases();
    String body = "{\"process\":\"kycCheck\",\"count\":3}";

    SampleApi.Reply anonymous = api.send("POST", CASES, null, null, body);
    SampleApi.Reply unknown = api.send("POST", CASES, "nobody", "nobody", body);

    assertThat(anonymous.json(401).path("code").asText()).isEqualTo("unauthenticated");
    assertThat(anonymous.headers().firstValue("WWW-Authenticate")).isPresent();
    assertThat(unknown.json(401).path("code").asText()).isEqualTo("unauthenticated");
    assertThat(startedCases()).isEqualTo(before);
  }

  static Stream<Arguments> badRequests() {
    String allowed = "; allowed: kycCheck, invoiceApproval";
    return Stream.of(
        Arguments.of("{\"process\":\"loanOrigination\",\"count\":3}", "process",
            "unknown process \"loanOrigination\"" + allowed),
        Arguments.of("{\"count\":3}", "process", "unknown process (none given)" + allowed),
        Arguments.of("{\"process\":\"kycCheck\"}", "count",
            "'count' is required: how many cases to start, 1 to 500"),
        Arguments.of("{\"process\":\"kycCheck\",\"count\":\"three\"}", "count",
            "'count' must be a whole number, but was: \"three\""),
        Arguments.of("{\"process\":\"kycCheck\",\"count\":2.5}", "count",
            "'count' must be a whole number, but was: 2.5"),
        Arguments.of("{\"process\":\"kycCheck\",\"count\":0}", "count",
            "'count' must be between 1 and 500, but was: 0"),
        Arguments.of("{\"process\":\"kycCheck\",\"count\":501}", "count",
            "'count' must be between 1 and 500, but was: 501"),
        Arguments.of("{\"process\":\"kycCheck\",\"count\":1,\"seed\":\"abc\"}", "seed",
            "'seed' must be a whole number, but was: \"abc\""),
        Arguments.of("[\"kycCheck\", 3]", null,
            "the body must be a JSON object such as {\"process\": \"kycCheck\", \"count\": 10}"));
  }

  @ParameterizedTest
  @MethodSource("badRequests")
  void aBadRequestIsAnsweredWithWhatIsWrongAndStartsNothing(String body, String parameter, String message)
      throws Exception {
    long before = startedCases();

    JsonNode error = api.send("POST", CASES, "demo", "demo", body).json(400);

    assertThat(error.path("status").asInt()).isEqualTo(400);
    assertThat(error.path("code").asText()).isEqualTo(parameter == null ? "invalid_body" : "invalid_parameter");
    assertThat(error.path("parameter").asText()).isEqualTo(parameter == null ? "body" : parameter);
    assertThat(error.path("detail").asText()).isEqualTo(message);
    assertThat(startedCases()).isEqualTo(before);
  }

  @Test
  void aBodyThatIsNoJsonIsAnsweredWithAnExample() throws Exception {
    JsonNode error = api.send("POST", CASES, "demo", "demo", "start 3 kyc cases please").json(400);

    assertThat(error.path("code").asText()).isEqualTo("invalid_body");
    assertThat(error.path("detail").asText()).startsWith("the body is not valid JSON (Unrecognized token 'start'")
        .endsWith("); send e.g. {\"process\": \"kycCheck\", \"count\": 10}");
  }

  @Test
  void theGeneratedDataIsMostlyOrdinaryWithSomeCasesForAHuman() {
    List<DemoCases.DemoCase> applications = new DemoCases(new Random(1), "T", 2026).of("kycCheck", 500);
    List<DemoCases.DemoCase> invoices = new DemoCases(new Random(1), "T", 2026).of("invoiceApproval", 500);

    long highRisk = applications.stream()
        .filter(c -> Set.of("IR", "KP", "MM").contains(c.variables().get("country"))).count();
    long sanctioned = applications.stream()
        .filter(c -> Set.of("Boris Badenov", "Natasha Fatale").contains(c.variables().get("customerName"))).count();
    long noDocument = applications.stream().filter(c -> "none".equals(c.variables().get("documentType"))).count();
    long large = invoices.stream().filter(c -> (Long) c.variables().get("amount") > 10_000).count();
    assertThat(highRisk).isBetween(25L, 80L);
    assertThat(sanctioned).isBetween(5L, 40L);
    assertThat(noDocument).isBetween(10L, 50L);
    assertThat(large).isBetween(40L, 120L);
    assertThat(new HashSet<>(applications.stream().map(c -> c.variables().get("customerName")).toList()))
        .hasSizeGreaterThan(100);
    assertThat(invoices.stream().map(c -> c.variables().get("invoiceNumber")).toList()).doesNotHaveDuplicates();
    assertThat(invoices.stream().map(c -> c.variables().get("vendor")).distinct().toList())
        .containsExactlyInAnyOrderElementsOf(KNOWN_VENDORS);
  }

  private JsonNode startKycCases(String body) throws Exception {
    return api.send("POST", CASES, "demo", "demo", body).json(201);
  }

  /** The start variables of the cases in an answer, in the order they were started. */
  private List<Map<String, Object>> variablesOf(JsonNode started) {
    return texts(started.path("process_instance_ids")).stream().map(this::variables).toList();
  }

  private Map<String, Object> variables(String processInstanceId) {
    Map<String, Object> variables = new HashMap<>();
    for (HistoricVariableInstance variable : historyService.createHistoricVariableInstanceQuery()
        .processInstanceId(processInstanceId).variableNameIn("customerNumber", "customerName", "country",
            "documentType", "vendor", "invoiceNumber", "amount").list()) {
      variables.put(variable.getName(), variable.getValue());
    }
    return variables;
  }

  private static void assertPlausibleKycApplication(Map<String, Object> variables) {
    assertThat(variables).containsOnlyKeys("customerNumber", "customerName", "country", "documentType");
    assertThat((String) variables.get("customerNumber")).matches("C-\\d{10}");
    assertThat((String) variables.get("customerName")).matches("\\S+( \\S+)+");
    assertThat(Set.of(Locale.getISOCountries())).contains((String) variables.get("country"));
    assertThat(variables.get("documentType")).isIn("passport", "id-card", "residence-permit", "none");
  }

  private static void assertPlausibleInvoice(Map<String, Object> variables) {
    assertThat(variables).containsOnlyKeys("vendor", "invoiceNumber", "amount");
    assertThat(variables.get("vendor")).isIn(KNOWN_VENDORS.toArray());
    assertThat((String) variables.get("invoiceNumber")).matches("INV-" + Year.now() + "-\\d{6}");
    assertThat(variables.get("amount")).isInstanceOfSatisfying(Long.class,
        amount -> assertThat(amount).isBetween(50L, 250_000L));
  }

  private long startedCases() {
    return historyService.createHistoricProcessInstanceQuery().count();
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(element -> texts.add(element.asText()));
    return texts;
  }
}
