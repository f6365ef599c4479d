package org.auditrail.siem;

/**
 * A sink's state as last seen by the forwarder.
 *
 * @param next the log index of the next event to send
 * @param lag how many sealed events the sink has not accepted yet
 * @param failure the last failure, while the sink fails; {@code null} once it accepts again
 * @param failures the failures in a row
 */
public record SinkStatus(String sink, long next, long lag, String failure, int failures) {

  public boolean degraded() {
    return failure != null;
  }
}
