package org.auditrail.watch;

import java.time.Duration;
import java.util.List;
import org.auditrail.verify.log.Finding;

/**
 * One verification run and what it found.
 *
 * @param fromIndex the first log index whose entry was checked
 * @param toIndex the log index after the last entry checked
 * @param fromCheckpointSize the verified checkpoint the run started from (0 for a full run)
 * @param toCheckpointSize the signed checkpoint the run verified the log up to
 * @param eventsChecked entries whose leaves were recomputed from the stored events
 * @param anchorsChecked anchored checkpoint files and time-stamp tokens checked
 * @param problems everything found wrong, in log order; empty when the range verified
 */
public record VerificationRun(VerificationKind kind, long fromIndex, long toIndex, long fromCheckpointSize,
    long toCheckpointSize, long eventsChecked, long anchorsChecked, List<Finding> problems, Duration duration) {

  public VerificationRun {
    problems = List.copyOf(problems);
  }

  public boolean verified() {
    return problems.isEmpty();
  }
}
