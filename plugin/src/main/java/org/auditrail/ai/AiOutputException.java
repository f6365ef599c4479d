package org.auditrail.ai;

/** A model answer that does not have the form the AI task asked for. */
public class AiOutputException extends RuntimeException {

  public AiOutputException(String message) {
    super(message);
  }
}
