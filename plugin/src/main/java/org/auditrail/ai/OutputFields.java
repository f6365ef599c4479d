package org.auditrail.ai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.auditrail.capture.ElementProperties;
import org.auditrail.event.EventJson;

/**
 * The fields of a json AI task's answer that may become process variables ({@code ai.output-fields}), declared as
 * {@code riskScore:number, riskLevel:low|medium|high, riskRationale:string}. Nothing else the model writes becomes
 * a variable, so that a prompt injection cannot set a sanctions flag or a reviewer's decision.
 *
 * @param fields the declared fields, in declaration order
 */
public record OutputFields(List<OutputField> fields) {

  /** No declared field: the declaration of a text task. */
  public static final OutputFields NONE = new OutputFields(List.of());

  private static final String TYPES = "string, number, boolean or an enumeration such as low|medium|high";

  public OutputFields {
    fields = List.copyOf(fields);
  }

  /** What a checked answer sets: the declared fields' values, and the names of the fields it ignored. */
  record Accepted(ObjectNode values, Map<String, Object> variables, List<String> ignoredFields) {}

  /**
   * Reads a declaration, noting each malformed entry on the element: a missing or unknown type, an enumeration
   * with an empty or repeated value, a name that is not a variable name, declared twice, or is the output variable.
   */
  static OutputFields parse(List<String> entries, String outputVariable, ElementProperties element) {
    List<OutputField> fields = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (String entry : entries) {
      int colon = entry.indexOf(':');
      String name = (colon < 0 ? entry : entry.substring(0, colon)).trim();
      String type = colon < 0 ? "" : entry.substring(colon + 1).trim();
      String problem = null;
      if (!AiTaskConfig.VARIABLE_NAME.matcher(name).matches()) {
        problem = "'" + name + "' is not a variable name";
      } else if (!names.add(name)) {
        problem = "'" + name + "' is declared twice";
      } else if (name.equals(outputVariable)) {
        problem = "'" + name + "' is the " + AiTaskConfig.OUTPUT_VARIABLE + " itself";
      } else if (type.isEmpty()) {
        problem = "'" + name + "' has no type (" + TYPES + ")";
      } else if (type.contains("|")) {
        List<String> values = Arrays.stream(type.split("\\|", -1)).map(String::trim).toList();
        problem = enumerationProblem(name, type, values);
        if (problem == null) {
          fields.add(new OutputField(name, OutputField.Type.ENUMERATION, values));
        }
      } else {
        OutputField.Type simple = switch (type) {
          case "string" -> OutputField.Type.STRING;
          case "number" -> OutputField.Type.NUMBER;
          case "boolean" -> OutputField.Type.BOOLEAN;
          default -> null;
        };
        if (simple == null) {
          problem = "'" + name + "' has the unknown type '" + type + "' (" + TYPES + ")";
        } else {
          fields.add(new OutputField(name, simple, List.of()));
        }
      }
      if (problem != null) {
        element.problem(AiTaskConfig.OUTPUT_FIELDS + ": " + problem);
      }
    }
    return new OutputFields(fields);
  }

  private static String enumerationProblem(String name, String type, List<String> values) {
    if (values.contains("")) {
      return "'" + name + "' has the enumeration '" + type + "' with an empty value";
    }
    Set<String> seen = new HashSet<>();
    for (String value : values) {
      if (!seen.add(value)) {
        return "'" + name + "' has the enumeration '" + type + "', which names '" + value + "' twice";
      }
    }
    return null;
  }

  public boolean isEmpty() {
    return fields.isEmpty();
  }

  /** The declaration in its written form, e.g. {@code riskScore:number, riskLevel:low|medium|high}. */
  @Override
  public String toString() {
    return String.join(", ", fields.stream().map(field -> field.name() + ":" + field.declaration()).toList());
  }

  /**
   * Checks a model's answer against the declaration: every declared field must be present with its type. The
   * other fields are only named, sorted, for the trail.
   *
   * @throws AiOutputException naming every declared field that is missing or has another type
   */
  Accepted accept(String activityId, ObjectNode answer) {
    ObjectNode values = EventJson.mapper().createObjectNode();
    Map<String, Object> variables = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    Set<String> declared = new HashSet<>();
    for (OutputField field : fields) {
      declared.add(field.name());
      JsonNode value = answer.get(field.name());
      String mismatch = field.mismatch(value);
      if (mismatch != null) {
        problems.add("'" + field.name() + "' " + mismatch);
      } else {
        values.set(field.name(), value);
        variables.put(field.name(), field.variableValue(value));
      }
    }
    if (!problems.isEmpty()) {
      throw new AiOutputException("AI task '" + activityId + "': " + AiTaskConfig.OUTPUT_FIELDS + ": "
          + String.join("; ", problems));
    }
    List<String> ignored = new ArrayList<>();
    answer.fieldNames().forEachRemaining(name -> {
      if (!declared.contains(name)) {
        ignored.add(name);
      }
    });
    ignored.sort(null);
    return new Accepted(values, java.util.Collections.unmodifiableMap(variables), List.copyOf(ignored));
  }
}
