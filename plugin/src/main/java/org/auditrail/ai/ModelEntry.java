package org.auditrail.ai;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Set;

/**
 * A model the processes may use, as the model inventory (model risk management) lists it, with what it takes to
 * call it. The API key is never recorded in an event.
 *
 * @param name the configuration name an AI task refers to ({@code ai.model})
 * @param provider {@code openai} (any OpenAI-compatible endpoint), {@code ollama}, {@code offline} (the rule-based
 *     responder) or {@code bean} (a LangChain4j {@code ChatModel} the application supplies under this name)
 * @param modelId the exact, pinned model id to request; never an alias such as {@code latest}
 * @param owner who answers for the model's use
 * @param purpose what the model is approved to do
 * @param approvedFor the process definition keys allowed to use it
 * @param validationStatus the outcome of the model's validation
 * @param validatedOn when it was last validated
 */
public record ModelEntry(String name, String provider, String modelId, String owner, String purpose,
    Set<String> approvedFor, ValidationStatus validationStatus, LocalDate validatedOn, String baseUrl,
    String apiKey, Double temperature, Integer maxTokens, Duration timeout, int maxRetries) {

  /** The model validation outcomes of a model risk management process. */
  public enum ValidationStatus {
    APPROVED,
    PENDING,
    REJECTED,
    RETIRED;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public ModelEntry {
    approvedFor = approvedFor == null ? Set.of() : Set.copyOf(approvedFor);
  }

  /**
   * Whether the model id names one fixed model. A {@code latest} alias, a wildcard, or an Ollama name without a
   * tag (which means {@code :latest}) could name another model tomorrow, and the trail could not say which ran.
   */
  public boolean isPinned() {
    if (modelId == null || modelId.isBlank() || modelId.contains("*")) {
      return false;
    }
    String lower = modelId.toLowerCase(Locale.ROOT);
    if (lower.equals("latest") || lower.matches(".*[-:/@.]latest")) {
      return false;
    }
    return !"ollama".equals(provider) || modelId.contains(":");
  }

  /** Never shows the API key. */
  @Override
  public String toString() {
    return "ModelEntry[" + name + ", " + provider + ", " + modelId + ", " + validationStatus + "]";
  }
}
