package org.auditrail.verify.log;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Checks the times of sealed events against the verification's bounds as the entries stream past: an event sealed
 * longer after its time stamp than allowed is reported at once, and the events old enough to need a checkpoint are
 * counted per stretch of the log between two claimed checkpoint sizes, so that once the checkpoints are verified
 * the ones beyond the largest trusted size can be summed without keeping a time per entry.
 */
final class EventTimeCheck {

  private final Duration maxSealDelay;
  private final Duration maxUnsignedAge;
  /** Events with an earlier time must be covered by a verified checkpoint; {@code null} when that bound is off. */
  private final Instant mustBeSignedBefore;
  /** Where each stretch starts: 0 and every checkpoint size claimed, in ascending order. */
  private final long[] stretchStarts;
  private final Stretch[] stretches;

  /** The old events of one stretch: how many, and the oldest of them. */
  private static final class Stretch {
    long count;
    Instant oldest;
    String oldestEventId;
    long oldestIndex;
  }

  EventTimeCheck(VerificationBounds bounds, Set<Long> checkpointSizes) {
    this.maxSealDelay = bounds.maxSealDelay();
    this.maxUnsignedAge = bounds.maxUnsignedAge();
    this.mustBeSignedBefore = maxUnsignedAge == null ? null : bounds.clock().instant().minus(maxUnsignedAge);
    this.stretchStarts = checkpointSizes.stream().mapToLong(Long::longValue).filter(size -> size > 0).sorted()
        .distinct().toArray();
    this.stretches = new Stretch[stretchStarts.length + 1];
    Arrays.setAll(stretches, i -> new Stretch());
  }

  /** Whether a time stamp needs to be read at all. */
  boolean enabled() {
    return maxSealDelay != null || maxUnsignedAge != null;
  }

  /**
   * Checks one entry whose sealed event is intact; may be called from several threads at once.
   *
   * @param timestamp the event's {@code timestamp} field as written
   */
  void check(StoredLog.Entry entry, String timestamp, List<Finding> findings) {
    Instant time = instant(timestamp);
    if (maxSealDelay != null && time != null && entry.sealedAt() != null) {
      Duration delay = Duration.between(time, entry.sealedAt());
      if (delay.compareTo(maxSealDelay) > 0) {
        findings.add(new Finding(Problem.BACKDATED, entry.eventId(), entry.logIndex(), "the event's time stamp "
            + EventTime.format(time) + " is " + delay + " before it was sealed at "
            + EventTime.format(entry.sealedAt()) + ", more than the bound of " + maxSealDelay));
      }
    }
    // An event whose time stamp cannot be read is aged by its sealing.
    Instant age = time != null ? time : entry.sealedAt();
    if (mustBeSignedBefore != null && age != null && age.isBefore(mustBeSignedBefore)) {
      Stretch stretch = stretchOf(entry.logIndex());
      synchronized (stretch) {
        stretch.count++;
        if (stretch.oldest == null || age.isBefore(stretch.oldest)) {
          stretch.oldest = age;
          stretch.oldestEventId = entry.eventId();
          stretch.oldestIndex = entry.logIndex();
        }
      }
    }
  }

  /**
   * The one finding for the old events beyond the largest verified checkpoint, or {@code null} when there are none.
   *
   * @param signedSize the size of the largest verified checkpoint, 0 when none verified
   */
  Finding unsigned(long signedSize) {
    long count = 0;
    Stretch oldest = null;
    for (int i = 0; i < stretches.length; i++) {
      long start = i == 0 ? 0 : stretchStarts[i - 1];
      Stretch stretch = stretches[i];
      if (start < signedSize || stretch.count == 0) {
        continue;
      }
      count += stretch.count;
      if (oldest == null || stretch.oldest.isBefore(oldest.oldest)) {
        oldest = stretch;
      }
    }
    if (oldest == null) {
      return null;
    }
    return new Finding(Problem.UNSIGNED, oldest.oldestEventId, oldest.oldestIndex, count + " sealed events older"
        + " than " + maxUnsignedAge + " are covered by no verified checkpoint (the log is signed up to tree size "
        + signedSize + "); the oldest is of " + EventTime.format(oldest.oldest));
  }

  /** The stretch an index falls in: the one starting at the largest claimed size not above it. */
  private Stretch stretchOf(long logIndex) {
    int found = Arrays.binarySearch(stretchStarts, logIndex);
    return stretches[found >= 0 ? found + 1 : -found - 1];
  }

  private static Instant instant(String timestamp) {
    if (timestamp == null) {
      return null;
    }
    try {
      return Instant.parse(timestamp);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
