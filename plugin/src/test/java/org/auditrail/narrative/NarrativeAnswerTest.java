package org.auditrail.narrative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The model's answer is hostile input: parsed strictly, bounded, and checked sentence by sentence. */
class NarrativeAnswerTest {

  @Test
  void theAskedForJsonIsParsedAlsoInOneCodeFence() {
    NarrativeAnswer answer = NarrativeAnswer.parse("```json\n{\"sentences\": [{\"text\": \" The case began. \","
        + " \"citations\": [\"e1\"]}], \"risk_tags\": [\"pep\"]}\n```");
    assertThat(answer.sentences()).containsExactly(new Sentence("The case began.", List.of("e1")));
    assertThat(answer.riskTags()).containsExactly("pep");
  }

  @Test
  void anythingButTheAskedForJsonRefusesTheWholeAnswer() {
    assertRefused("Here is the summary: the case went fine.", "the answer is not one JSON object: ");
    assertRefused("{\"sentences\": [], \"verdict\": \"fine\"}",
        "the answer has the field 'verdict', which is not one of [risk_tags, sentences]");
    assertRefused("{\"sentences\": [], \"sentences\": []}", "the answer is not one JSON object: Duplicate field");
    assertRefused("{\"sentences\": []} {\"sentences\": []}", "the answer is not one JSON object: ");
    assertRefused("{\"sentences\": [{\"text\": \"x\", \"citations\": [\"<img src=x onerror=alert(1)>\"]}]}",
        "'sentences[0].citations[0]' must be a string of at most 80 letters, digits, '.', '_', ':' or '-'");
    assertRefused("{\"sentences\": [{\"text\": 5}]}", "'sentences[0].text' must be a non-empty string");
    assertRefused("{\"sentences\": [{\"text\": \"" + "a".repeat(601) + "\"}]}",
        "'sentences[0].text' has 601 characters, more than the 600 allowed");
    assertRefused("{\"sentences\": [" + "{\"text\": \"x\"},".repeat(40) + "{\"text\": \"x\"}]}",
        "'sentences' has 41 entries, more than the 40 allowed");
    assertRefused("x".repeat(64 * 1024 + 1), "the answer has 65537 characters, more than the 65536 allowed");
  }

  @Test
  void sentencesThatFailTheCheckAndTagsOutsideTheVocabularyAreDroppedAndCounted() {
    CitationCheck check = new CitationCheck(List.of(CitationCheckTest.STARTED, CitationCheckTest.DECISION));
    NarrativeAnswer answer = NarrativeAnswer.parse("""
        {"sentences": [
          {"text": "The case was started by demo on 2026-11-03.", "citations": ["e1"]},
          {"text": "The AI scored it 99.", "citations": ["e3"]},
          {"text": "Everything was in order.", "citations": []},
          {"text": "The AI rated the risk high.", "citations": ["e3"]}],
         "risk_tags": ["pep", "looks-suspicious", "pep"]}""");

    CheckedNarrative checked = CheckedNarrative.of(answer, check, Set.of("pep", "sanctions-hit"));

    assertThat(checked.toJson().toString()).isEqualTo("{\"sentences\":["
        + "{\"text\":\"The case was started by demo on 2026-11-03.\",\"citations\":[\"e1\"]},"
        + "{\"text\":\"The AI rated the risk high.\",\"citations\":[\"e3\"]}],"
        + "\"dropped\":2,\"dropped_sentences\":["
        + "{\"index\":1,\"reason\":\"number_not_cited\",\"detail\":\"the number 99 is not a value of the cited events\"},"
        + "{\"index\":2,\"reason\":\"no_citation\",\"detail\":\"the sentence cites no event\"}],"
        + "\"risk_tags\":[\"pep\"],"
        + "\"dropped_risk_tags\":[{\"tag\":\"looks-suspicious\",\"reason\":\"tag_not_allowed\"}],"
        + "\"check\":{\"result\":\"some_dropped\",\"sentences_kept\":2,\"sentences_dropped\":2,"
        + "\"risk_tags_dropped\":1}}");
  }

  @Test
  void aRefusedAnswerIsRecordedAsSuch() {
    assertThat(CheckedNarrative.refused("the answer is not a JSON object").toJson().path("check").toString())
        .isEqualTo("{\"result\":\"answer_refused\",\"sentences_kept\":0,\"sentences_dropped\":0,"
            + "\"risk_tags_dropped\":0,\"refusal\":\"the answer is not a JSON object\"}");
  }

  private static void assertRefused(String answer, String messageStart) {
    assertThatThrownBy(() -> NarrativeAnswer.parse(answer)).isInstanceOf(NarrativeAnswerException.class)
        .hasMessageStartingWith(messageStart);
  }
}
