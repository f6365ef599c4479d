package org.auditrail.event;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The kinds of actor an event can name. */
public enum ActorType {
  USER,
  SYSTEM,
  AGENT;

  /** Computed once: every recorded event asks for its names. */
  private final String wireName = name().toLowerCase(Locale.ROOT);

  @JsonValue
  public String wireName() {
    return wireName;
  }
}
