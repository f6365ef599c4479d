package org.auditrail.autoconfigure;

import java.util.ArrayList;
import java.util.List;

/** Case narratives on the auditor's case page, under {@code audit.narrative.*}. */
public class NarrativeProperties {

  /** Whether auditors may have the model write a checked narrative of a case. */
  private boolean enabled = true;

  /** The model inventory's configuration that writes narratives; approved for case-narrative. */
  private String model = "case-narrative";

  /** The only risk tags a narrative may propose; others are dropped and counted. */
  private List<String> riskTags = new ArrayList<>(List.of("high-risk-country", "pep", "sanctions-hit",
      "adverse-media", "unusual-amount", "manual-override", "model-error"));

  /** Maximum number of the case's events (the first ones) sent to the model. */
  private int maxEvents = 300;

  public boolean isEnabled() { return enabled; }
  public void setEnabled(boolean enabled) { this.enabled = enabled; }
  public String getModel() { return model; }
  public void setModel(String model) { this.model = model; }
  public List<String> getRiskTags() { return riskTags; }
  public void setRiskTags(List<String> riskTags) { this.riskTags = riskTags; }
  public int getMaxEvents() { return maxEvents; }
  public void setMaxEvents(int maxEvents) { this.maxEvents = maxEvents; }
}
