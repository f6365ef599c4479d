package org.auditrail.watch;

import java.util.List;
import org.auditrail.verify.log.Finding;

/**
 * Published (as a Spring application event, with the auto-configuration) when a verification run finds the log
 * tampered with, after its {@code verification_completed} event is recorded: what alerting listens for.
 *
 * @param eventId the run's {@code verification_completed} event, or {@code null} when it could not be recorded
 * @param run the run, with its range and problems
 */
public record VerificationFailed(String eventId, VerificationRun run) {

  public VerificationKind kind() {
    return run.kind();
  }

  public List<Finding> problems() {
    return run.problems();
  }
}
