package org.auditrail.narrative;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.auditrail.event.EventJson;

/**
 * A narrative after the check: the sentences kept with their citations, the risk tags kept, and what was dropped
 * and why. Its JSON form is the value of the narrative's {@code decision} event (a public contract, see
 * {@code docs/events.md}).
 *
 * @param result {@code all_kept}, {@code some_dropped}, {@code none_kept} or {@code answer_refused}
 * @param refusal why the whole answer was refused; {@code null} unless {@code answer_refused}
 */
public record CheckedNarrative(String result, List<Sentence> sentences, List<DroppedSentence> droppedSentences,
    List<String> riskTags, List<DroppedTag> droppedTags, String refusal) {

  /** A sentence the check dropped: its place in the answer and why (its text stays in the recorded answer). */
  public record DroppedSentence(int index, Drop drop) {}

  /** A risk tag the check dropped. */
  public record DroppedTag(String tag, Drop drop) {}

  public CheckedNarrative {
    sentences = List.copyOf(sentences);
    droppedSentences = List.copyOf(droppedSentences);
    riskTags = List.copyOf(riskTags);
    droppedTags = List.copyOf(droppedTags);
  }

  /** Checks every sentence against the case and every risk tag against the vocabulary. */
  public static CheckedNarrative of(NarrativeAnswer answer, CitationCheck check, Set<String> vocabulary) {
    List<Sentence> kept = new ArrayList<>();
    List<DroppedSentence> dropped = new ArrayList<>();
    for (int i = 0; i < answer.sentences().size(); i++) {
      Sentence sentence = answer.sentences().get(i);
      Optional<Drop> drop = check.check(sentence);
      if (drop.isPresent()) {
        dropped.add(new DroppedSentence(i, drop.get()));
      } else {
        kept.add(sentence);
      }
    }
    Set<String> tags = new LinkedHashSet<>();
    List<DroppedTag> droppedTags = new ArrayList<>();
    for (String tag : answer.riskTags()) {
      if (vocabulary.contains(tag)) {
        tags.add(tag);
      } else {
        droppedTags.add(new DroppedTag(tag, new Drop("tag_not_allowed", "'" + tag
            + "' is not one of the configured risk tags")));
      }
    }
    String result = dropped.isEmpty() ? "all_kept" : kept.isEmpty() ? "none_kept" : "some_dropped";
    return new CheckedNarrative(result, kept, dropped, List.copyOf(tags), droppedTags, null);
  }

  /** The whole answer was refused before any sentence could be checked. */
  public static CheckedNarrative refused(String reason) {
    return new CheckedNarrative("answer_refused", List.of(), List.of(), List.of(), List.of(), reason);
  }

  public JsonNode toJson() {
    ObjectNode json = EventJson.mapper().createObjectNode();
    ArrayNode kept = json.putArray("sentences");
    for (Sentence sentence : sentences) {
      ObjectNode entry = kept.addObject().put("text", sentence.text());
      sentence.citations().forEach(entry.putArray("citations")::add);
    }
    json.put("dropped", droppedSentences.size());
    ArrayNode dropped = json.putArray("dropped_sentences");
    droppedSentences.forEach(drop -> dropped.addObject().put("index", drop.index())
        .put("reason", drop.drop().reason()).put("detail", drop.drop().detail()));
    riskTags.forEach(json.putArray("risk_tags")::add);
    ArrayNode droppedTagsJson = json.putArray("dropped_risk_tags");
    droppedTags.forEach(drop -> droppedTagsJson.addObject().put("tag", drop.tag())
        .put("reason", drop.drop().reason()));
    ObjectNode result = json.putObject("check").put("result", this.result)
        .put("sentences_kept", sentences.size()).put("sentences_dropped", droppedSentences.size())
        .put("risk_tags_dropped", droppedTags.size());
    if (refusal != null) {
      result.put("refusal", refusal);
    }
    return json;
  }
}
