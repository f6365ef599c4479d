package org.auditrail.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Model risk management for a month: every model, prompt version, tool version and retrieval index snapshot that AI
 * events name, with first and last use and how many AI events used it.
 */
final class InventoryUsage implements Consumer<JsonNode> {

  /**
   * One versioned artifact's use.
   *
   * @param kind {@code model}, {@code prompt}, {@code tool} or {@code retrieval index}
   * @param version the model's provider, the prompt's or tool's version, or the index's snapshot id
   */
  record Use(String kind, String name, String version, Instant firstUse, Instant lastUse, int uses) {}

  static final List<String> EVENT_TYPES = List.of("model_call", "tool_call", "retrieval");

  private final Map<String, Use> uses = new TreeMap<>();

  @Override
  public void accept(JsonNode event) {
    JsonNode ai = event.path("snapshot").path("ai");
    Instant at = Instant.parse(event.path("timestamp").asText());
    switch (event.path("event_type").asText()) {
      case "model_call" -> {
        use("model", ai.path("model").path("model_id").asText(), ai.path("model").path("provider").asText(), at);
        use("prompt", ai.path("prompt").path("id").asText(), ai.path("prompt").path("version").asText(), at);
      }
      case "tool_call" -> use("tool", event.path("metadata").path("gen_ai.tool.name").asText(),
          event.path("metadata").path("auditrail.tool.version").asText(), at);
      case "retrieval" -> use("retrieval index", event.path("metadata").path("auditrail.retrieval.index").asText(),
          event.path("metadata").path("auditrail.retrieval.index_snapshot").asText(), at);
      default -> { }
    }
  }

  private void use(String kind, String name, String version, Instant at) {
    uses.merge(kind + "\n" + name + "\n" + version, new Use(kind, name, version, at, at, 1),
        (known, now) -> new Use(kind, name, version, known.firstUse(), now.lastUse(), known.uses() + 1));
  }

  List<Use> uses() {
    return new ArrayList<>(uses.values());
  }
}
