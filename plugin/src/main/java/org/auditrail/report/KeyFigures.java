package org.auditrail.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The key figures of a month: cases per process, AI calls per model and prompt version with tokens and cost, human
 * reviews and the override rate, incidents.
 */
public record KeyFigures(Map<String, Cases> cases, List<AiCalls> aiCalls, int reviews, int overrides,
    int fourEyesViolations, int incidents) {

  /** The event types the figures are counted from. */
  static final List<String> EVENT_TYPES = List.of("process_started", "process_completed", "model_call",
      "human_review", "review_refused", "incident_created");

  /** Cases of one process definition key. */
  public record Cases(int started, int completed) {}

  /**
   * Calls of one model with one prompt version.
   *
   * @param cost {@code null} when the price of some call is unknown
   */
  public record AiCalls(String modelId, String prompt, int calls, int errors, long inputTokens, long outputTokens,
      BigDecimal cost, String currency) {}

  public double overrideRate() {
    return reviews == 0 ? 0 : (double) overrides / reviews;
  }

  public int casesStarted() {
    return cases.values().stream().mapToInt(Cases::started).sum();
  }

  public int casesCompleted() {
    return cases.values().stream().mapToInt(Cases::completed).sum();
  }

  public int modelCalls() {
    return aiCalls.stream().mapToInt(AiCalls::calls).sum();
  }

  /** The cost of all calls, or {@code null} when some call's price is unknown. */
  public BigDecimal totalCost() {
    BigDecimal total = BigDecimal.ZERO;
    for (AiCalls calls : aiCalls) {
      if (calls.cost() == null) {
        return null;
      }
      total = total.add(calls.cost());
    }
    return total;
  }

  public Cases casesOf(String processDefinitionKey) {
    return cases.getOrDefault(processDefinitionKey, new Cases(0, 0));
  }

  /** Counts the figures from the events of a month, one event at a time. */
  static final class Counter implements Consumer<JsonNode> {
    private final Map<String, int[]> cases = new TreeMap<>();
    private final Map<String, MutableCalls> calls = new TreeMap<>();
    private int reviews;
    private int overrides;
    private int fourEyes;
    private int incidents;

    @Override
    public void accept(JsonNode event) {
      JsonNode context = event.path("context");
      boolean rootCase = event.path("trace_id").asText().equals(context.path("process_instance_id").asText());
      switch (event.path("event_type").asText()) {
        case "process_started" -> {
          if (rootCase) {
            cases.computeIfAbsent(context.path("process_definition_key").asText(), key -> new int[2])[0]++;
          }
        }
        case "process_completed" -> {
          if (rootCase) {
            cases.computeIfAbsent(context.path("process_definition_key").asText(), key -> new int[2])[1]++;
          }
        }
        case "model_call" -> countCall(event);
        case "human_review" -> {
          reviews++;
          if (!"approve".equals(event.path("output").path("action").asText())) {
            overrides++;
          }
        }
        case "review_refused" -> {
          if ("four_eyes".equals(event.path("output").path("refused").asText())) {
            fourEyes++;
          }
        }
        case "incident_created" -> incidents++;
        default -> { }
      }
    }

    private void countCall(JsonNode event) {
      JsonNode metadata = event.path("metadata");
      String model = metadata.path("gen_ai.response.model").asText(metadata.path("gen_ai.request.model").asText());
      String prompt = metadata.path("auditrail.prompt.id").asText() + "@"
          + metadata.path("auditrail.prompt.version").asText();
      MutableCalls counted = calls.computeIfAbsent(model + "\n" + prompt, key -> new MutableCalls(model, prompt));
      counted.calls++;
      if ("error".equals(event.path("outcome").asText())) {
        counted.errors++;
      }
      counted.inputTokens += metadata.path("gen_ai.usage.input_tokens").asLong();
      counted.outputTokens += metadata.path("gen_ai.usage.output_tokens").asLong();
      if ("known".equals(metadata.path("auditrail.cost.status").asText()) && counted.cost != null) {
        counted.cost = counted.cost.add(metadata.path("auditrail.cost.amount").decimalValue());
        counted.currency = metadata.path("auditrail.cost.currency").asText(null);
      } else {
        counted.cost = null;
      }
    }

    KeyFigures figures() {
      Map<String, Cases> byProcess = new TreeMap<>();
      cases.forEach((key, counts) -> byProcess.put(key, new Cases(counts[0], counts[1])));
      List<AiCalls> aiCalls = calls.values().stream().map(MutableCalls::done).toList();
      return new KeyFigures(byProcess, aiCalls, reviews, overrides, fourEyes, incidents);
    }
  }

  private static final class MutableCalls {
    private final String modelId;
    private final String prompt;
    private int calls;
    private int errors;
    private long inputTokens;
    private long outputTokens;
    private BigDecimal cost = BigDecimal.ZERO;
    private String currency;

    MutableCalls(String modelId, String prompt) {
      this.modelId = modelId;
      this.prompt = prompt;
    }

    AiCalls done() {
      return new AiCalls(modelId, prompt, calls, errors, inputTokens, outputTokens, cost, currency);
    }
  }
}
