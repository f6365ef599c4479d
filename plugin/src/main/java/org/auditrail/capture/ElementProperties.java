package org.auditrail.capture;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The {@code camunda:property} entries of one BPMN element under one prefix (such as {@code ai.} or
 * {@code review.}), read for a task configuration: values trimmed, blank values treated as absent, and every
 * problem collected, so that one deploy-time error names all of them.
 */
public final class ElementProperties {

  private final Map<String, String> properties;
  private final String prefix;
  private final List<String> problems = new ArrayList<>();

  public ElementProperties(Map<String, String> properties, String prefix) {
    this.properties = properties;
    this.prefix = prefix;
  }

  /** Whether an element's properties configure anything under the prefix. */
  public static boolean declare(Map<String, String> properties, String prefix) {
    return properties.keySet().stream().anyMatch(name -> name.startsWith(prefix));
  }

  public String optional(String name) {
    String value = properties.get(name);
    return value == null || value.isBlank() ? null : value.trim();
  }

  /** The value, or {@code null} with the problem "{@code <name> is missing}" noted. */
  public String required(String name) {
    String value = optional(name);
    if (value == null) {
      problems.add(name + " is missing");
    }
    return value;
  }

  /** A comma-separated value's items, trimmed, without empty ones; none when the property is absent. */
  public List<String> list(String name) {
    String value = optional(name);
    return value == null ? List.of()
        : Arrays.stream(value.split(",")).map(String::trim).filter(item -> !item.isEmpty()).toList();
  }

  public void problem(String description) {
    problems.add(description);
  }

  /** Every problem noted, and then one for each property under the prefix that is none of the known names. */
  public List<String> problems(List<String> known) {
    List<String> all = new ArrayList<>(problems);
    properties.keySet().stream().filter(name -> name.startsWith(prefix) && !known.contains(name))
        .forEach(name -> all.add("unknown property '" + name + "'"));
    return all;
  }
}
