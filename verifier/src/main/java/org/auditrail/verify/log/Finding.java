package org.auditrail.verify.log;

/**
 * One thing found wrong.
 *
 * @param problem what kind of tampering it shows
 * @param eventId the event concerned, or {@code null} when none can be named
 * @param logIndex the log index concerned, or {@code null}
 * @param detail what exactly disagrees, with the values
 */
public record Finding(Problem problem, String eventId, Long logIndex, String detail) {

  @Override
  public String toString() {
    return problem.wireName() + (eventId == null ? "" : " event " + eventId)
        + (logIndex == null ? "" : " at log index " + logIndex) + ": " + detail;
  }
}
