package org.auditrail.seal;

import java.time.Duration;

/** The pause before trying background work again after failures in a row: doubled each time, up to a longest. */
public final class Backoff {

  private Backoff() {}

  /** After {@code failures} failures in a row: {@code first}, doubled per further one, at most {@code longest}. */
  public static Duration pause(Duration first, Duration longest, int failures) {
    Duration pause = first;
    for (int i = 1; i < failures && pause.compareTo(longest) < 0; i++) {
      pause = pause.multipliedBy(2);
    }
    return pause.compareTo(longest) > 0 ? longest : pause;
  }
}
