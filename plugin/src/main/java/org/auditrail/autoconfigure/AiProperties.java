package org.auditrail.autoconfigure;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.auditrail.ai.ModelEntry;
import org.auditrail.ai.ModelPrice;

/** AI tasks, under {@code audit.ai.*}: where prompts come from, and the model inventory with its prices. */
public class AiProperties {

  /** Whether AI tasks are available (the {@code auditAiTask} delegate and their deploy-time check). */
  private boolean enabled = true;

  /** Where prompt templates are read from at start-up; each file is {@code <id>/<semantic version>.txt}. */
  private String promptLocations = "classpath*:prompts/*/*.txt";

  /** The model inventory, by the configuration name AI tasks use in {@code ai.model}. */
  private Map<String, Model> models = new LinkedHashMap<>();

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public String getPromptLocations() {
    return promptLocations;
  }

  public void setPromptLocations(String promptLocations) {
    this.promptLocations = promptLocations;
  }

  public Map<String, Model> getModels() {
    return models;
  }

  public void setModels(Map<String, Model> models) {
    this.models = models;
  }

  /** One model of the inventory: what it is, who answers for it, where it may be used, and how to reach it. */
  public static class Model {

    /** openai (any OpenAI-compatible endpoint), ollama, offline (rule-based responder) or bean (a ChatModel bean of this name). */
    private String provider = "offline";

    /** The exact, pinned model id; an alias such as 'latest' is refused when a process using it is deployed. */
    private String modelId;

    /** The endpoint, such as https://api.openai.com/v1 or http://localhost:11434. */
    private String baseUrl;

    /** The API key; take it from the environment (e.g. ${OPENAI_API_KEY}), never from a file in the repository. */
    private String apiKey;

    /** Who answers for the model's use. */
    private String owner;

    /** What the model is approved to do. */
    private String purpose;

    /** The process definition keys allowed to use the model. */
    private List<String> approvedFor = new ArrayList<>();

    /** approved, pending, rejected or retired; only approved models may be used. */
    private ModelEntry.ValidationStatus validationStatus = ModelEntry.ValidationStatus.PENDING;

    /** When the model was last validated. */
    private LocalDate validatedOn;

    private Double temperature;

    private Integer maxTokens;

    /** How long one model call may take. */
    private Duration timeout = Duration.ofSeconds(60);

    /** Retries inside one call; 0 by default, so that every attempt is a job retry the trail records. */
    private int maxRetries = 0;

    /** Price of the model's tokens; without one, the cost of its calls is recorded as unknown. */
    private Price price = new Price();

    ModelEntry toEntry(String name) {
      return new ModelEntry(name, provider, modelId, owner, purpose, java.util.Set.copyOf(approvedFor),
          validationStatus, validatedOn, baseUrl, apiKey, temperature, maxTokens, timeout, maxRetries);
    }

    public String getProvider() { return provider; }
    public void setProvider(String provider) { this.provider = provider; }
    public String getModelId() { return modelId; }
    public void setModelId(String modelId) { this.modelId = modelId; }
    public String getBaseUrl() { return baseUrl; }
    public void setBaseUrl(String baseUrl) { this.baseUrl = baseUrl; }
    public String getApiKey() { return apiKey; }
    public void setApiKey(String apiKey) { this.apiKey = apiKey; }
    public String getOwner() { return owner; }
    public void setOwner(String owner) { this.owner = owner; }
    public String getPurpose() { return purpose; }
    public void setPurpose(String purpose) { this.purpose = purpose; }
    public List<String> getApprovedFor() { return approvedFor; }
    public void setApprovedFor(List<String> approvedFor) { this.approvedFor = approvedFor; }
    public ModelEntry.ValidationStatus getValidationStatus() { return validationStatus; }
    public void setValidationStatus(ModelEntry.ValidationStatus validationStatus) { this.validationStatus = validationStatus; }
    public LocalDate getValidatedOn() { return validatedOn; }
    public void setValidatedOn(LocalDate validatedOn) { this.validatedOn = validatedOn; }
    public Double getTemperature() { return temperature; }
    public void setTemperature(Double temperature) { this.temperature = temperature; }
    public Integer getMaxTokens() { return maxTokens; }
    public void setMaxTokens(Integer maxTokens) { this.maxTokens = maxTokens; }
    public Duration getTimeout() { return timeout; }
    public void setTimeout(Duration timeout) { this.timeout = timeout; }
    public int getMaxRetries() { return maxRetries; }
    public void setMaxRetries(int maxRetries) { this.maxRetries = maxRetries; }
    public Price getPrice() { return price; }
    public void setPrice(Price price) { this.price = price; }
  }

  /** What a million tokens cost. */
  public static class Price {

    private BigDecimal inputPerMillion;

    private BigDecimal outputPerMillion;

    /** ISO 4217 currency code. */
    private String currency = "USD";

    ModelPrice toPrice() {
      return inputPerMillion == null || outputPerMillion == null ? null
          : new ModelPrice(inputPerMillion, outputPerMillion, currency);
    }

    public BigDecimal getInputPerMillion() { return inputPerMillion; }
    public void setInputPerMillion(BigDecimal inputPerMillion) { this.inputPerMillion = inputPerMillion; }
    public BigDecimal getOutputPerMillion() { return outputPerMillion; }
    public void setOutputPerMillion(BigDecimal outputPerMillion) { this.outputPerMillion = outputPerMillion; }
    public String getCurrency() { return currency; }
    public void setCurrency(String currency) { this.currency = currency; }
  }
}
