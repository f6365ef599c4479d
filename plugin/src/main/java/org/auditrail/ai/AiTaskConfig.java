package org.auditrail.ai;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.auditrail.capture.ElementProperties;

/**
 * An AI task as the process modeller configured it: a service task with the delegate expression
 * {@code ${auditAiTask}} and these {@code camunda:property} entries (the element template in {@code bpmn/} fills
 * them).
 *
 * @param prompt {@code ai.prompt}: the prompt template id
 * @param promptVersion {@code ai.prompt-version}: its semantic version, such as {@code 1.2.0}
 * @param model {@code ai.model}: the model configuration's name in the model inventory
 * @param tools {@code ai.tools}: comma-separated tool names, optional
 * @param retrievalIndex {@code ai.retrieval-index}: the retrieval index name, optional
 * @param outputVariable {@code ai.output-variable}: the process variable that receives the output
 * @param outputFormat {@code ai.output-format}: {@code text} (default) or {@code json}
 * @param outputFields {@code ai.output-fields}: for {@code json}, required: the only fields of the answer that
 *     become variables, each with its type, such as {@code riskScore:number, riskLevel:low|medium|high}
 * @param personalVariables {@code ai.personal-variables}: comma-separated process variables that hold personal
 *     data; replaced by tokens in the prompt and in every event of the process
 * @param evidencePrefix {@code ai.evidence-prefix}: optional; the prefix of the text variables that show a reviewer
 *     what the answer rests on: {@code <prefix>Model}, {@code <prefix>Prompt}, {@code <prefix>Sources} (document,
 *     excerpt, score of each retrieved segment) and {@code <prefix>Tools} (each tool call and its result)
 */
public record AiTaskConfig(String prompt, String promptVersion, String model, List<String> tools,
    String retrievalIndex, String outputVariable, OutputFormat outputFormat, OutputFields outputFields,
    List<String> personalVariables, String evidencePrefix) {

  /** The property of a deployed AI task's activity that holds its checked configuration. */
  public static final String ACTIVITY_PROPERTY = "auditrail.aiTask";

  private static final String PREFIX = "ai.";

  public static final String PROMPT = "ai.prompt";
  public static final String PROMPT_VERSION = "ai.prompt-version";
  public static final String MODEL = "ai.model";
  public static final String TOOLS = "ai.tools";
  public static final String RETRIEVAL_INDEX = "ai.retrieval-index";
  public static final String OUTPUT_VARIABLE = "ai.output-variable";
  public static final String OUTPUT_FORMAT = "ai.output-format";
  public static final String OUTPUT_FIELDS = "ai.output-fields";
  public static final String PERSONAL_VARIABLES = "ai.personal-variables";
  public static final String EVIDENCE_PREFIX = "ai.evidence-prefix";

  private static final Pattern SEMANTIC_VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+");
  static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** What the output becomes: the text itself, or a JSON object whose declared fields also become variables. */
  public enum OutputFormat {
    TEXT,
    JSON
  }

  /** Whether a service task's properties make it an AI task. */
  public static boolean isAiTask(Map<String, String> properties) {
    return ElementProperties.declare(properties, PREFIX);
  }

  /**
   * Reads and checks the properties of one element.
   *
   * @throws AiConfigurationException naming the element and every field that is missing or malformed
   */
  public static AiTaskConfig from(String elementId, Map<String, String> properties) {
    ElementProperties element = new ElementProperties(properties, PREFIX);
    String prompt = element.required(PROMPT);
    String version = element.required(PROMPT_VERSION);
    if (version != null && !SEMANTIC_VERSION.matcher(version).matches()) {
      element.problem(PROMPT_VERSION + " '" + version + "' is not a semantic version such as 1.2.0");
    }
    String model = element.required(MODEL);
    String output = element.required(OUTPUT_VARIABLE);
    if (output != null && !VARIABLE_NAME.matcher(output).matches()) {
      element.problem(OUTPUT_VARIABLE + " '" + output + "' is not a variable name");
    }
    OutputFormat format = OutputFormat.TEXT;
    String formatText = element.optional(OUTPUT_FORMAT);
    if (formatText != null) {
      try {
        format = OutputFormat.valueOf(formatText.toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        element.problem(OUTPUT_FORMAT + " '" + formatText + "' is neither 'text' nor 'json'");
      }
    }
    String evidence = element.optional(EVIDENCE_PREFIX);
    if (evidence != null && !VARIABLE_NAME.matcher(evidence).matches()) {
      element.problem(EVIDENCE_PREFIX + " '" + evidence + "' is not a variable name");
    }
    OutputFields fields = OutputFields.parse(element.list(OUTPUT_FIELDS), output, element);
    if (format == OutputFormat.JSON && element.list(OUTPUT_FIELDS).isEmpty()) {
      element.problem(OUTPUT_FIELDS + " is missing: a json AI task names the only fields of the answer that become"
          + " variables, such as riskScore:number, riskLevel:low|medium|high");
    } else if (format != OutputFormat.JSON && element.optional(OUTPUT_FIELDS) != null) {
      element.problem(OUTPUT_FIELDS + " is set, but " + OUTPUT_FORMAT + " is not json");
    }
    List<String> problems = element.problems(List.of(PROMPT, PROMPT_VERSION, MODEL, TOOLS, RETRIEVAL_INDEX,
        OUTPUT_VARIABLE, OUTPUT_FORMAT, OUTPUT_FIELDS, PERSONAL_VARIABLES, EVIDENCE_PREFIX));
    if (!problems.isEmpty()) {
      throw new AiConfigurationException(describe(elementId, problems));
    }
    return new AiTaskConfig(prompt, version, model, element.list(TOOLS), element.optional(RETRIEVAL_INDEX), output,
        format, fields, element.list(PERSONAL_VARIABLES), evidence);
  }

  static String describe(String elementId, List<String> problems) {
    return "AI task '" + elementId + "': " + String.join("; ", problems);
  }
}
