package org.auditrail.sample;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.auditrail.ai.ResponderRule;

/**
 * The offline responder's KYC risk rating: the bank's documented scoring rules, applied to the fields of the
 * rendered prompt, with the retrieved guidance quoted in the rationale. Deterministic; every event of it names the
 * rule-based responder as the model.
 */
class KycRiskRule implements ResponderRule {

  static final String OPENING = "You assess the money-laundering and terrorist-financing risk";

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public Optional<AiMessage> respond(ChatRequest request) {
    PromptFields prompt = PromptFields.of(request, OPENING);
    if (prompt == null) {
      return Optional.empty();
    }
    String country = prompt.field("Country of residence (ISO 3166 code)").toUpperCase(Locale.ROOT);
    boolean sanctionsHit = Boolean.parseBoolean(prompt.field("Sanctions screening hit"));
    String document = prompt.field("Identity document presented");
    int score = 10;
    List<String> factors = new ArrayList<>();
    List<String> topics = new ArrayList<>();
    if (KycDelegates.HIGH_RISK_COUNTRIES.contains(country)) {
      score += 50;
      factors.add("residence in high-risk third country " + country);
      topics.add("High-risk third countries");
    }
    if (sanctionsHit) {
      score += 80;
      factors.add("a sanctions screening hit");
      topics.add("Sanctions screening");
    }
    if ("none".equals(document)) {
      score += 30;
      factors.add("no acceptable identity document");
      topics.add("Identity verification");
    }
    if (topics.isEmpty()) {
      topics.add("Simplified due diligence");
    }
    score = Math.min(score, 100);
    String level = score >= 50 ? "high" : score >= 30 ? "medium" : "low";
    List<String> guidance = topics.stream().map(topic -> guidanceOn(topic, prompt.retrieved()))
        .filter(text -> !text.isEmpty()).toList();
    String rationale = (factors.isEmpty() ? "No risk factor applies." : "Risk factors: " + String.join(", ", factors)
        + ".") + (guidance.isEmpty() ? " No retrieved guidance covers this case." : " Guidance applied: "
        + String.join(" ", guidance));
    return Optional.of(AiMessage.from(JSON.createObjectNode().put("riskScore", score).put("riskLevel", level)
        .put("riskRationale", rationale).toString()));
  }

  /** The opening sentences of the retrieved passage on a topic; empty when retrieval did not bring it. */
  private static String guidanceOn(String topic, String retrieved) {
    int start = retrieved.indexOf(topic + ".");
    if (start < 0) {
      return "";
    }
    String passage = retrieved.substring(start + topic.length() + 1).replaceAll("\\s+", " ").strip();
    int end = passage.indexOf(". ");
    return topic + ": " + (end < 0 ? passage : passage.substring(0, end + 1));
  }
}
