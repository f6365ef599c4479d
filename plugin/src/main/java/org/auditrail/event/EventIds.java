package org.auditrail.event;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

/** Issues event ids: UUIDv7, so that ids sort in the order the events were recorded on one node. */
public final class EventIds {

  private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

  private EventIds() {}

  public static String next() {
    return GENERATOR.generate().toString();
  }
}
