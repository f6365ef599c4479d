package org.auditrail.ai;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one AI task's answer rests on, as a reviewer's form shows it: the model and prompt version, the sources the
 * retrieval returned (document, excerpt, score) and the tools' results. Plain text variables, so any form (a Camunda
 * Form, the generated form) can show them without a JSON data format in the engine. Texts are the case's free text
 * as the trail records it: personal values stay tokens.
 */
final class AiEvidence {

  static final String MODEL = "Model";
  static final String PROMPT = "Prompt";
  static final String SOURCES = "Sources";
  static final String TOOLS = "Tools";

  private final List<String> sources = new ArrayList<>();
  private final List<String> toolResults = new ArrayList<>();

  synchronized void source(String document, String excerpt, Double score) {
    sources.add((sources.size() + 1) + ". " + document
        + (score == null ? "" : String.format(Locale.ROOT, " (score %.2f)", score)) + "\n" + unwrapped(excerpt));
  }

  /** A source's lines joined within paragraphs: the form wraps text itself, hard breaks would cut sentences. */
  private static String unwrapped(String excerpt) {
    return excerpt.strip().replaceAll("(?<!\\n)\\n(?!\\n)", " ");
  }

  synchronized void toolResult(String tool, String arguments, String result) {
    toolResults.add(tool + " " + arguments + " returned " + result);
  }

  /** The variables {@code <prefix>Model}, {@code <prefix>Prompt}, {@code <prefix>Sources}, {@code <prefix>Tools}. */
  synchronized Map<String, Object> variables(String prefix, ModelEntry model, PromptVersion prompt) {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put(prefix + MODEL, model.name() + ": " + model.modelId() + " (" + model.provider() + ")");
    variables.put(prefix + PROMPT, prompt.id() + " " + prompt.version());
    variables.put(prefix + SOURCES, sources.isEmpty() ? "none retrieved" : String.join("\n\n", sources));
    variables.put(prefix + TOOLS, toolResults.isEmpty() ? "none called" : String.join("\n\n", toolResults));
    return variables;
  }
}
