package org.auditrail.verify.log;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How late an event may be sealed, and how long it may stay outside every signed checkpoint, before verification
 * reports it; each bound is off when {@code null}.
 *
 * @param maxSealDelay the longest time from an event's time stamp to the sealing of its log entry; a longer one
 *     is {@link Problem#BACKDATED}
 * @param maxUnsignedAge the greatest age, by the clock, of a sealed event that no verified checkpoint covers; older
 *     ones are {@link Problem#UNSIGNED}
 * @param clock the time that ages are measured against
 */
public record VerificationBounds(Duration maxSealDelay, Duration maxUnsignedAge, Clock clock) {

  /** Both bounds off: what the constructors without bounds use. */
  public static final VerificationBounds OFF = new VerificationBounds(null, null, Clock.systemUTC());

  public VerificationBounds {
    Objects.requireNonNull(clock, "clock");
    requirePositive(maxSealDelay, "maxSealDelay");
    requirePositive(maxUnsignedAge, "maxUnsignedAge");
  }

  private static void requirePositive(Duration bound, String name) {
    if (bound != null && (bound.isNegative() || bound.isZero())) {
      throw new IllegalArgumentException(name + " must be positive, but was: " + bound);
    }
  }
}
