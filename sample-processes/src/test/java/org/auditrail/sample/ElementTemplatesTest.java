package org.auditrail.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Camunda Modeler element templates in the repository's {@code bpmn/} folder: each must match Camunda's
 * element-templates JSON schema (vendored under {@code element-templates-schema/}, never fetched), and the AI task
 * and AI draft review templates must bind exactly the names the plugin reads.
 */
class ElementTemplatesTest {

  /** The {@code $schema} the templates name, and the {@code $id} the schema gives itself: both map to the copy. */
  private static final String SCHEMA_URL =
      "https://unpkg.com/@camunda/element-templates-json-schema/resources/schema.json";
  private static final String SCHEMA_ID = "http://camunda.org/schema/element-templates/1.0";
  private static final String VENDORED_SCHEMA = "classpath:element-templates-schema/schema.json";

  private static final Path TEMPLATES = Path.of("..", "bpmn");
  private static final Path AI_TASK = TEMPLATES.resolve("ai-task.json");
  private static final Path AI_REVIEW_TASK = TEMPLATES.resolve("ai-review-task.json");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Schema schema;

  @BeforeAll
  static void loadSchema() {
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7,
        builder -> builder.schemaLoader(loader -> loader
            .fetchRemoteResources(false)
            .schemaIdResolvers(ids -> ids
                .mapPrefix(SCHEMA_URL, VENDORED_SCHEMA)
                .mapPrefix(SCHEMA_ID, VENDORED_SCHEMA))));
    schema = registry.getSchema(SchemaLocation.of(SCHEMA_URL));
    assertThat(schema.getId()).as("the vendored Camunda element-templates schema").isEqualTo(SCHEMA_ID);
  }

  @Test
  void everyTemplateInTheBpmnFolderMatchesTheElementTemplatesSchema() throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(TEMPLATES)) {
      files = walk.filter(path -> path.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(files).as("element templates in %s", TEMPLATES.toAbsolutePath().normalize())
        .contains(AI_TASK, AI_REVIEW_TASK);

    Map<Path, List<String>> problems = new LinkedHashMap<>();
    for (Path file : files) {
      JsonNode templates = JSON.readTree(file.toFile());
      List<String> messages = new ArrayList<>(messages(templates));
      for (JsonNode template : templates.isArray() ? templates : List.of(templates)) {
        String declared = template.path("$schema").asText(SCHEMA_URL);
        if (!declared.startsWith("https://unpkg.com/@camunda/element-templates-json-schema")) {
          messages.add("$schema '" + declared + "' is not Camunda 7's element-templates schema");
        }
      }
      if (!messages.isEmpty()) {
        problems.put(file, messages);
      }
    }
    assertThat(problems).as("schema violations:%n%s", describe(problems)).isEmpty();
  }

  @Test
  void aiTaskTemplateBindsExactlyWhatThePluginReads() throws IOException {
    JsonNode templates = JSON.readTree(AI_TASK.toFile());
    assertThat(templates.isArray()).isTrue();
    assertThat(templates).hasSize(1);
    JsonNode template = templates.get(0);
    assertThat(template.path("id").asText()).isEqualTo("org.auditrail.ai-task");
    assertThat(template.path("version").asInt()).isEqualTo(1);
    assertThat(template.path("appliesTo").toString()).isEqualTo("[\"bpmn:ServiceTask\"]");

    List<JsonNode> properties = new ArrayList<>();
    template.path("properties").forEach(properties::add);

    assertThat(properties.stream().filter(bindingType("camunda:property")).map(ElementTemplatesTest::bindingName))
        .containsExactlyInAnyOrder("ai.prompt", "ai.prompt-version", "ai.model", "ai.tools", "ai.retrieval-index",
            "ai.output-variable", "ai.output-format", "ai.output-fields", "ai.personal-variables",
            "ai.evidence-prefix");
    assertThat(properties.stream().filter(bindingType("property")).map(ElementTemplatesTest::bindingName))
        .containsExactlyInAnyOrder("camunda:delegateExpression", "camunda:asyncBefore");
    assertThat(properties).allSatisfy(property -> assertThat(property.path("binding").path("type").asText())
        .isIn("camunda:property", "property"));

    JsonNode delegate = property(properties, "camunda:delegateExpression");
    assertThat(delegate.path("type").asText()).isEqualTo("Hidden");
    assertThat(delegate.path("value").asText()).isEqualTo("${auditAiTask}");

    JsonNode async = property(properties, "camunda:asyncBefore");
    assertThat(async.path("type").asText()).isEqualTo("Boolean");
    assertThat(async.path("value").isBoolean() && async.path("value").booleanValue()).isTrue();

    JsonNode format = property(properties, "ai.output-format");
    assertThat(format.path("type").asText()).isEqualTo("Dropdown");
    assertThat(format.path("value").asText()).isEqualTo("text");
    assertThat(format.path("choices").findValuesAsText("value")).containsExactly("text", "json");

    for (String name : List.of("ai.prompt", "ai.prompt-version", "ai.model", "ai.output-variable")) {
      assertThat(property(properties, name).path("constraints").path("notEmpty").asBoolean())
          .as("%s is required", name).isTrue();
    }
    // ai.output-fields is required for json only, which the plugin checks at deployment.
    for (String name : List.of("ai.tools", "ai.retrieval-index", "ai.output-fields", "ai.personal-variables")) {
      assertThat(property(properties, name).path("constraints").path("notEmpty").asBoolean())
          .as("%s is optional", name).isFalse();
    }
    assertThat(properties).allSatisfy(property -> assertThat(property.path("type").asText().equals("Hidden")
        || !property.path("description").asText().isBlank()).as("description of %s", bindingName(property)).isTrue());

    // The Modeler checks a field's pattern on every edit; these are the same regular expressions.
    assertThat(pattern(properties, "ai.prompt").matcher("invoice-extraction").matches()).isTrue();
    assertThat(pattern(properties, "ai.prompt").matcher("Invoice Extraction").matches()).isFalse();
    assertThat(pattern(properties, "ai.prompt-version").matcher("1.2.0").matches()).isTrue();
    assertThat(pattern(properties, "ai.prompt-version").matcher("1.2").matches()).isFalse();
    assertThat(pattern(properties, "ai.personal-variables").matcher("customerName, dateOfBirth").matches()).isTrue();
    assertThat(pattern(properties, "ai.personal-variables").matcher("customer name").matches()).isFalse();
    assertThat(pattern(properties, "ai.tools").matcher("").matches()).isTrue();
    assertThat(pattern(properties, "ai.tools").matcher("lookupCustomer, fetch_invoice").matches()).isTrue();
    assertThat(pattern(properties, "ai.tools").matcher("lookupCustomer,,").matches()).isFalse();
    assertThat(pattern(properties, "ai.evidence-prefix").matcher("").matches()).isTrue();
    assertThat(pattern(properties, "ai.evidence-prefix").matcher("riskEvidence").matches()).isTrue();
    assertThat(pattern(properties, "ai.evidence-prefix").matcher("risk evidence").matches()).isFalse();
    assertThat(pattern(properties, "ai.output-variable").matcher("extractedInvoice").matches()).isTrue();
    assertThat(pattern(properties, "ai.output-variable").matcher("1st-answer").matches()).isFalse();
    Pattern outputFields = pattern(properties, "ai.output-fields");
    assertThat(outputFields.matcher("").matches()).isTrue();
    assertThat(outputFields.matcher("riskScore:number, riskLevel:low|medium|high, riskRationale:string").matches())
        .isTrue();
    assertThat(outputFields.matcher("approved:boolean,decision:approve | needs review").matches()).isTrue();
    assertThat(outputFields.matcher("riskScore").matches()).as("no type").isFalse();
    assertThat(outputFields.matcher("riskScore:integer").matches()).as("unknown type").isFalse();
    assertThat(outputFields.matcher("riskLevel:low||high").matches()).as("empty value").isFalse();
    assertThat(outputFields.matcher("risk score:string").matches()).as("not a variable name").isFalse();
    assertThat(outputFields.matcher("riskScore:number,").matches()).as("trailing comma").isFalse();
  }

  @Test
  void aiReviewTaskTemplateBindsExactlyWhatThePluginReads() throws IOException {
    JsonNode templates = JSON.readTree(AI_REVIEW_TASK.toFile());
    assertThat(templates.isArray()).isTrue();
    assertThat(templates).hasSize(1);
    JsonNode template = templates.get(0);
    assertThat(template.path("id").asText()).isEqualTo("org.auditrail.ai-review-task");
    assertThat(template.path("version").asInt()).isEqualTo(1);
    assertThat(template.path("name").asText()).isEqualTo("AI draft review (audited)");
    assertThat(template.path("appliesTo").toString()).isEqualTo("[\"bpmn:UserTask\"]");

    List<JsonNode> properties = new ArrayList<>();
    template.path("properties").forEach(properties::add);

    assertThat(properties.stream().filter(bindingType("camunda:property")).map(ElementTemplatesTest::bindingName))
        .containsExactlyInAnyOrder("review.ai-task", "review.draft-fields", "review.decision-field",
            "review.reason-field", "review.four-eyes");
    assertThat(properties.stream().filter(bindingType("property")).map(ElementTemplatesTest::bindingName))
        .containsExactly("camunda:formRef", "camunda:formRefBinding", "camunda:candidateGroups");
    assertThat(property(properties, "camunda:formRef").path("constraints").path("notEmpty").asBoolean())
        .as("a review task has a Camunda Form").isTrue();
    assertThat(pattern(properties, "camunda:formRef").matcher("kyc-review").matches()).isTrue();
    assertThat(pattern(properties, "camunda:formRef").matcher("kyc review").matches()).isFalse();
    JsonNode binding = property(properties, "camunda:formRefBinding");
    assertThat(binding.path("type").asText()).isEqualTo("Dropdown");
    assertThat(binding.path("value").asText()).isEqualTo("deployment");
    assertThat(binding.path("choices").findValuesAsText("value")).containsExactly("deployment", "latest");
    assertThat(properties).allSatisfy(property -> assertThat(property.path("binding").path("type").asText())
        .isIn("camunda:property", "property"));

    JsonNode candidateGroups = property(properties, "camunda:candidateGroups");
    assertThat(candidateGroups.path("type").asText()).isEqualTo("String");
    assertThat(candidateGroups.path("value").asText()).isEqualTo("reviewers");
    assertThat(candidateGroups.path("editable").asBoolean(true)).as("candidate groups are editable").isTrue();

    JsonNode fourEyes = property(properties, "review.four-eyes");
    assertThat(fourEyes.path("type").asText()).isEqualTo("Dropdown");
    assertThat(fourEyes.path("value").asText()).isEqualTo("initiator,drafter");
    assertThat(fourEyes.path("choices").findValuesAsText("value"))
        .containsExactly("initiator,drafter", "initiator", "drafter", "none");
    assertThat(fourEyes.path("choices").findValuesAsText("name")).containsExactly(
        "The case's initiator and the draft's producer may not approve", "Only the initiator may not approve",
        "Only the draft's producer may not approve", "No four-eyes rule");

    for (String name : List.of("review.ai-task", "review.decision-field", "review.reason-field")) {
      assertThat(property(properties, name).path("type").asText()).as("type of %s", name).isEqualTo("String");
      assertThat(property(properties, name).path("constraints").path("notEmpty").asBoolean())
          .as("%s is required", name).isTrue();
    }
    assertThat(property(properties, "review.draft-fields").path("constraints").path("notEmpty").asBoolean())
        .as("review.draft-fields is optional").isFalse();
    assertThat(properties).allSatisfy(property -> assertThat(property.path("type").asText().equals("Hidden")
        || !property.path("description").asText().isBlank()).as("description of %s", bindingName(property)).isTrue());
    List<String> groups = template.path("groups").findValuesAsText("id");
    assertThat(properties).allSatisfy(property -> assertThat(groups)
        .as("group of %s", bindingName(property)).contains(property.path("group").asText()));

    // The Modeler checks a field's pattern on every edit; these are the same regular expressions.
    assertThat(pattern(properties, "review.ai-task").matcher("scoreRisk").matches()).isTrue();
    assertThat(pattern(properties, "review.ai-task").matcher("Activity_0x1y2z").matches()).isTrue();
    assertThat(pattern(properties, "review.ai-task").matcher("draft-invoice.v2").matches()).isTrue();
    assertThat(pattern(properties, "review.ai-task").matcher("1stTask").matches()).isFalse();
    assertThat(pattern(properties, "review.ai-task").matcher("Score risk").matches()).isFalse();
    assertThat(pattern(properties, "review.draft-fields").matcher("").matches()).isTrue();
    assertThat(pattern(properties, "review.draft-fields").matcher("riskScore").matches()).isTrue();
    assertThat(pattern(properties, "review.draft-fields").matcher("riskScore, risk_level").matches()).isTrue();
    assertThat(pattern(properties, "review.draft-fields").matcher("riskScore,,").matches()).isFalse();
    assertThat(pattern(properties, "review.draft-fields").matcher("risk score").matches()).isFalse();
    for (String name : List.of("review.decision-field", "review.reason-field")) {
      assertThat(pattern(properties, name).matcher("reviewReason").matches()).as("%s: a field name", name).isTrue();
      assertThat(pattern(properties, name).matcher("review_decision").matches()).as("%s: '_'", name).isTrue();
      assertThat(pattern(properties, name).matcher("").matches()).as("%s: empty", name).isFalse();
      assertThat(pattern(properties, name).matcher("2nd").matches()).as("%s: leading digit", name).isFalse();
      assertThat(pattern(properties, name).matcher("review reason").matches()).as("%s: space", name).isFalse();
    }
  }

  @Test
  void schemaRejectsBrokenTemplates() throws IOException {
    JsonNode original = JSON.readTree(AI_TASK.toFile());

    ArrayNode withoutAppliesTo = original.deepCopy();
    ((ObjectNode) withoutAppliesTo.get(0)).remove("appliesTo");
    assertThat(messages(withoutAppliesTo)).as("template without appliesTo")
        .anySatisfy(message -> assertThat(message).contains("appliesTo"));

    ArrayNode unknownBinding = original.deepCopy();
    ((ObjectNode) unknownBinding.get(0).get("properties").get(1).get("binding")).put("type", "camunda:unknown");
    assertThat(messages(unknownBinding)).as("property with an unknown binding type")
        .anySatisfy(message -> assertThat(message).contains("/properties/1/binding/type"));

    ArrayNode booleanCamundaProperty = original.deepCopy();
    ((ObjectNode) booleanCamundaProperty.get(0).get("properties").get(1)).put("type", "Boolean");
    assertThat(messages(booleanCamundaProperty)).as("camunda:property of type Boolean")
        .anySatisfy(message -> assertThat(message).contains("/properties/1/type"));

    assertThat(messages(original)).as("the unchanged template").isEmpty();
  }

  private static List<String> messages(JsonNode templates) {
    return schema.validate(templates).stream().map(Error::toString).toList();
  }

  private static String describe(Map<Path, List<String>> problems) {
    return problems.entrySet().stream()
        .map(entry -> entry.getKey() + ":\n  " + String.join("\n  ", entry.getValue()))
        .collect(Collectors.joining("\n"));
  }

  private static Predicate<JsonNode> bindingType(String type) {
    return property -> property.path("binding").path("type").asText().equals(type);
  }

  private static String bindingName(JsonNode property) {
    return property.path("binding").path("name").asText();
  }

  private static JsonNode property(List<JsonNode> properties, String bindingName) {
    List<JsonNode> matches = properties.stream().filter(property -> bindingName(property).equals(bindingName))
        .toList();
    assertThat(matches).as("properties bound to %s", bindingName).hasSize(1);
    return matches.get(0);
  }

  private static Pattern pattern(List<JsonNode> properties, String bindingName) {
    JsonNode pattern = property(properties, bindingName).path("constraints").path("pattern");
    return Pattern.compile(pattern.isObject() ? pattern.path("value").asText() : pattern.asText());
  }
}
