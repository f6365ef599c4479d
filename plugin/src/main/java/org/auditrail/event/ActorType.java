package org.auditrail.event;

import com.fasterxml.jackson.annotation.JsonValue;

/** The kinds of actor an event can name. */
public enum ActorType {
  USER,
  SYSTEM,
  AGENT;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
