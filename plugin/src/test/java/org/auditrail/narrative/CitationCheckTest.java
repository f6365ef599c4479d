package org.auditrail.narrative;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import org.auditrail.event.EventJson;
import org.junit.jupiter.api.Test;

/** The citation check on events shaped as the log holds them: what a sentence may state, and what drops it. */
class CitationCheckTest {

  static final JsonNode STARTED = json("""
      {"event_id":"e1","event_type":"process_started","timestamp":"2026-11-03T09:15:42.120Z",
       "actor":{"type":"user","id":"demo"},"context":{"process_instance_id":"p1","business_key":"KYC-2026-0042"},
       "input":{"variables":{"amount":45000,"limit":"12500.50","customerName":"customerName_T1a2b3c"}}}""");
  static final JsonNode MODEL_CALL = json("""
      {"event_id":"e2","event_type":"model_call","timestamp":"2026-11-03T09:16:01Z","actor":{"type":"agent"},
       "metadata":{"gen_ai.request.model":"gpt-4o-mini-2024-07-18","gen_ai.response.model":"gpt-4o-mini-2024-07-18",
                   "auditrail.prompt.id":"kyc-risk-rating","auditrail.prompt.version":"1.2.0",
                   "gen_ai.usage.input_tokens":812}}""");
  static final JsonNode DECISION = json("""
      {"event_id":"e3","event_type":"decision","timestamp":"2026-11-03T09:16:02Z",
       "output":{"value":{"riskLevel":"high","riskScore":72,"sanctionsHit":false}}}""");
  static final JsonNode REVIEW = json("""
      {"event_id":"e4","event_type":"human_review","timestamp":"2026-11-04T14:05:00Z","actor":{"id":"mary"},
       "output":{"action":"approve","reason":"Passport verified in person"}}""");
  static final JsonNode OTHER_MODEL = json("""
      {"event_id":"e5","event_type":"model_call","timestamp":"2026-11-05T08:00:00Z",
       "metadata":{"gen_ai.request.model":"claude-sonnet","auditrail.prompt.id":"invoice-draft",
                   "auditrail.prompt.version":"2.0.0"}}""");
  static final JsonNode ESCALATION = json("""
      {"event_id":"e6","event_type":"human_review","timestamp":"2026-11-06T10:00:00Z","output":{"action":"escalate"}}""");

  private final CitationCheck check = new CitationCheck(List.of(STARTED, MODEL_CALL, DECISION, REVIEW,
      OTHER_MODEL, ESCALATION));

  @Test
  void aSentenceWhoseFactsAreAllValuesOfItsCitedEventsHolds() {
    assertHolds("The case KYC-2026-0042 was started by demo on 2026-11-03 at 09:15 for 45,000 EUR.", "e1");
    assertHolds("The limit was 12500.5 and the customer customerName_T1a2b3c.", "e1");
    assertHolds("The model gpt-4o-mini-2024-07-18 answered prompt kyc-risk-rating@1.2.0 with 812 input tokens.",
        "e2");
    assertHolds("It used kyc-risk-rating version 1.2.0.", "e2");
    assertHolds("The AI rated the risk high with a score of 72 and no sanctions hit (false).", "e3");
    assertHolds("On 2026-11-04, mary approved the AI's draft.", "e4");
    assertHolds("The model was called at 2026-11-03T09:16:01Z and rated the case high.", "e2", "e3");
  }

  @Test
  void aSentenceWithoutCitationsIsDropped() {
    assertDropped(new Sentence("The case was uneventful.", List.of()), "no_citation",
        "the sentence cites no event");
  }

  @Test
  void aCitationOfAnEventOutsideTheCaseIsDropped() {
    assertDropped(sentence("The case was started by demo.", "e1", "evt-from-another-case"), "unknown_citation",
        "cited event 'evt-from-another-case' is not an event of this case");
  }

  @Test
  void aNumberThatNoCitedEventHoldsIsDropped() {
    assertDropped(sentence("The AI scored the case 95.", "e3"), "number_not_cited",
        "the number 95 is not a value of the cited events");
    assertDropped(sentence("The amount was 46,000.", "e1"), "number_not_cited",
        "the number 46,000 is not a value of the cited events");
    // The score is in the decision, not in the start event the sentence cites.
    assertDropped(sentence("The case was started with a score of 72.", "e1"), "number_not_cited",
        "the number 72 is not a value of the cited events");
    // Digits inside another value (an id, a timestamp) are not a value.
    assertDropped(sentence("The case was started 15 minutes past nine.", "e1"), "number_not_cited",
        "the number 15 is not a value of the cited events");
  }

  @Test
  void aDateOrTimeThatNoCitedEventHoldsIsDropped() {
    assertDropped(sentence("mary approved the draft on 2026-11-03.", "e4"), "date_not_cited",
        "the date 2026-11-03 is not a value of the cited events");
    assertDropped(sentence("The case was started at 10:15.", "e1"), "date_not_cited",
        "the time 10:15 is not a value of the cited events");
  }

  @Test
  void aModelOrPromptNameThatNoCitedEventHoldsIsDropped() {
    assertDropped(sentence("The model gpt-4o-2024-08-06 rated the case.", "e2"), "name_not_cited",
        "the name gpt-4o-2024-08-06 is not a value of the cited events");
    assertDropped(sentence("It used prompt kyc-risk-rating@1.3.0.", "e2"), "name_not_cited",
        "the prompt kyc-risk-rating@1.3.0 is not named by the cited events");
    assertDropped(sentence("It used prompt version 2.0.0.", "e2"), "name_not_cited",
        "the version 2.0.0 is not a value of the cited events");
    // A name from elsewhere in the case is a fact too, even without digits.
    assertDropped(sentence("The draft came from claude-sonnet.", "e2"), "name_not_cited",
        "the name claude-sonnet is not a value of the cited events");
  }

  @Test
  void aDecisionValueThatNoCitedEventHoldsIsDropped() {
    assertDropped(sentence("The AI rated the risk low.", "e3"), "decision_value_not_cited",
        "the decision value 'low' is not a value of the cited events");
    assertDropped(sentence("mary rejected the draft.", "e4"), "decision_value_not_cited",
        "the decision value 'rejected' is not a value of the cited events");
    // A value of this case's other decisions, cited from the wrong event.
    assertDropped(sentence("mary escalated the case.", "e4"), "decision_value_not_cited",
        "the decision value 'escalated' is not a value of the cited events");
  }

  @Test
  void theFirstFailingFactDecidesTheReason() {
    assertDropped(sentence("On 2026-12-24 the AI scored 99.", "e3"), "date_not_cited",
        "the date 2026-12-24 is not a value of the cited events");
  }

  private void assertHolds(String text, String... citations) {
    assertThat(check.check(sentence(text, citations))).as(text).isEmpty();
  }

  private void assertDropped(Sentence sentence, String reason, String detail) {
    assertThat(check.check(sentence)).as(sentence.text()).isEqualTo(Optional.of(new Drop(reason, detail)));
  }

  private static Sentence sentence(String text, String... citations) {
    return new Sentence(text, List.of(citations));
  }

  static JsonNode json(String text) {
    try {
      return EventJson.mapper().readTree(text);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
