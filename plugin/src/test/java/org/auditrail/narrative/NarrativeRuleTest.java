package org.auditrail.narrative;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.input.PromptTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The offline narrative: deterministic, cited so that the check keeps every sentence, tags from the events. */
class NarrativeRuleTest {

  static final JsonNode FAILED_CALL = CitationCheckTest.json("""
      {"event_id":"e7","event_type":"model_call","timestamp":"2026-11-05T08:00:00Z","outcome":"error",
       "context":{"activity_id":"scoreRisk"},"metadata":{"gen_ai.request.model":"gpt-4o-mini-2024-07-18"}}""");
  static final JsonNode REJECTION = CitationCheckTest.json("""
      {"event_id":"e8","event_type":"human_review","timestamp":"2026-11-06T10:00:00Z","actor":{"id":"mary"},
       "context":{"activity_id":"reviewKyc"},"output":{"action":"reject"}}""");

  @Test
  void everySentenceOfTheOfflineNarrativePassesTheCheckAndTagsComeFromTheEvents() throws IOException {
    List<JsonNode> events = List.of(CitationCheckTest.STARTED, CitationCheckTest.MODEL_CALL, CitationCheckTest.DECISION,
        FAILED_CALL, REJECTION);
    String answer = new NarrativeRule().respond(ChatRequest.builder().messages(UserMessage.from(prompt(events,
        "manual-override, model-error, pep"))).build()).orElseThrow().text();

    assertThat(answer).isEqualTo(new NarrativeRule().respond(ChatRequest.builder().messages(UserMessage.from(
        prompt(events, "manual-override, model-error, pep"))).build()).orElseThrow().text());
    CheckedNarrative checked = CheckedNarrative.of(NarrativeAnswer.parse(answer), new CitationCheck(events),
        Set.of("manual-override", "model-error", "pep"));
    assertThat(checked.result()).isEqualTo("all_kept");
    assertThat(checked.sentences()).extracting(Sentence::text).containsExactly(
        "The case was started by demo on 2026-11-03.",
        "The AI model gpt-4o-mini-2024-07-18 was called with the prompt kyc-risk-rating@1.2.0 on 2026-11-03.",
        "The AI proposed riskLevel high, riskScore 72, sanctionsHit false.",
        "A call to the model gpt-4o-mini-2024-07-18 at scoreRisk failed on 2026-11-05.",
        "At reviewKyc the reviewer mary chose reject on the AI draft on 2026-11-06.");
    assertThat(checked.riskTags()).containsExactly("model-error", "manual-override");
  }

  @Test
  void aRequestThatIsNotForANarrativeIsLeftToTheNextRule() {
    assertThat(new NarrativeRule().respond(ChatRequest.builder().messages(UserMessage.from("Rate this customer"))
        .build())).isEmpty();
  }

  private static String prompt(List<JsonNode> events, String riskTags) throws IOException {
    try (InputStream template = NarrativeRuleTest.class.getResourceAsStream("/prompts/case-narrative/1.0.0.txt")) {
      return PromptTemplate.from(new String(template.readAllBytes(), StandardCharsets.UTF_8)).apply(Map.of(
          "processInstanceId", "p1", "riskTags", riskTags,
          "events", events.stream().map(JsonNode::toString).collect(Collectors.joining("\n")))).text();
    }
  }
}
