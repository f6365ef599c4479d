package org.auditrail.event;

import com.fasterxml.jackson.annotation.JsonValue;

/** How the step an event records ended. */
public enum Outcome {
  SUCCESS,
  ERROR,
  ESCALATED;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
