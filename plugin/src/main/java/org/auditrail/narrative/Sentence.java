package org.auditrail.narrative;

import java.util.List;

/**
 * One sentence of a narrative as the model proposed it: its text and the ids of the events it rests on.
 *
 * @param text the sentence, as the model wrote it; shown only as text, never as markup
 * @param citations the event ids it cites, in the model's order
 */
public record Sentence(String text, List<String> citations) {

  public Sentence {
    citations = List.copyOf(citations);
  }
}
