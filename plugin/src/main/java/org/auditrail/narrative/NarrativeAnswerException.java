package org.auditrail.narrative;

/** The model's answer is not a narrative this plugin takes: not the JSON asked for, or beyond the bounds. */
public class NarrativeAnswerException extends RuntimeException {

  public NarrativeAnswerException(String message) {
    super(message);
  }
}
