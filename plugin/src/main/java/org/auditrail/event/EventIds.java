package org.auditrail.event;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Issues event ids: UUIDv7, so that ids sort in the order the events were recorded on one node; and the trace ids
 * of the system's own work that is about no case, one trace per kind and UTC day.
 */
public final class EventIds {

  private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

  private EventIds() {}

  public static String next() {
    return GENERATOR.generate().toString();
  }

  /** The trace of one kind of the system's work on the UTC day of {@code at}, such as {@code alerts-2026-12-02}. */
  public static String dailyTrace(String kind, Instant at) {
    return kind + "-" + LocalDate.ofInstant(at, ZoneOffset.UTC);
  }
}
