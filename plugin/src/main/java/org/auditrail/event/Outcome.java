package org.auditrail.event;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How the step an event records ended. */
public enum Outcome {
  SUCCESS,
  ERROR,
  ESCALATED;

  /** Computed once: every recorded event asks for its names. */
  private final String wireName = name().toLowerCase(Locale.ROOT);

  @JsonValue
  public String wireName() {
    return wireName;
  }
}
