package org.auditrail.report;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.auditrail.ai.ResponderRule;

/**
 * The offline responder's executive summary: a fixed, plain-language reading of the figures the prompt lists
 * ({@code - name: value} lines). Deterministic; the report names the responder as the model that wrote it.
 */
public final class ReportSummaryRule implements ResponderRule {

  static final String OPENING = "You write the executive summary of a monthly compliance report";

  @Override
  public Optional<AiMessage> respond(ChatRequest request) {
    String prompt = null;
    for (ChatMessage message : request.messages()) {
      if (message instanceof UserMessage user && user.hasSingleText() && user.singleText().startsWith(OPENING)) {
        prompt = user.singleText();
      }
    }
    if (prompt == null) {
      return Optional.empty();
    }
    Map<String, String> figures = new LinkedHashMap<>();
    prompt.lines().filter(line -> line.startsWith("- ") && line.contains(": ")).forEach(line -> {
      int colon = line.indexOf(": ");
      figures.put(line.substring(2, colon), line.substring(colon + 2).strip());
    });
    String text = "In " + figures.getOrDefault("Month", "the month") + ", "
        + figures.getOrDefault("Cases started", "0") + " cases were started (previous month: "
        + figures.getOrDefault("Cases started in the previous month", "0") + ") and "
        + figures.getOrDefault("Cases completed", "0") + " were completed. The AI was called "
        + figures.getOrDefault("Model calls", "0") + " times, of which "
        + figures.getOrDefault("Model call errors", "0") + " failed. Reviewers completed "
        + figures.getOrDefault("Human reviews", "0") + " reviews of AI drafts and departed from the draft in "
        + figures.getOrDefault("Override rate", "0%") + " of them; "
        + figures.getOrDefault("Four-eyes violations", "0") + " four-eyes violations were refused. "
        + figures.getOrDefault("Incidents", "0") + " incidents and "
        + figures.getOrDefault("Exceptional events", "0") + " exceptional events are listed in section 5 ("
        + figures.getOrDefault("Exceptional events by category", "none") + "). "
        + "The full verification of the audit log at generation "
        + figures.getOrDefault("Log verification", "did not run") + ".";
    return Optional.of(AiMessage.from(text));
  }
}
