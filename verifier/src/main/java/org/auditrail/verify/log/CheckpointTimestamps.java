package org.auditrail.verify.log;

import java.util.ArrayList;
import java.util.List;
import org.auditrail.verify.TimestampToken;
import org.auditrail.verify.TimestampValidationException;
import org.auditrail.verify.TrustedTimestampAuthorities;

/**
 * Validates the RFC 3161 time-stamp token stored for each checkpoint against the checkpoint's stored note and the
 * auditor's trusted TSA certificates: an invalid token is a finding, a valid one says when the checkpoint existed.
 */
public final class CheckpointTimestamps {

  /**
   * A stored token and the note of the checkpoint it was stored for.
   *
   * @param signedNote the checkpoint's signed note, or {@code null} when no checkpoint of that size is stored
   */
  public record StoredTimestamp(long treeSize, byte[] token, String signedNote) {}

  /**
   * @param findings tokens that do not validate
   * @param trustedTimes one line per valid token: the checkpoint, its time and the authority
   */
  public record Result(List<Finding> findings, List<String> trustedTimes) {

    public Result {
      findings = List.copyOf(findings);
      trustedTimes = List.copyOf(trustedTimes);
    }
  }

  private CheckpointTimestamps() {}

  public static Result verify(List<StoredTimestamp> stored, TrustedTimestampAuthorities trusted) {
    List<Finding> findings = new ArrayList<>();
    List<String> times = new ArrayList<>();
    for (StoredTimestamp timestamp : stored) {
      String what = "checkpoint of size " + timestamp.treeSize();
      if (timestamp.signedNote() == null) {
        findings.add(new Finding(Problem.TIMESTAMP_INVALID, null, null, "a time-stamp token is stored for the "
            + what + ", but no such checkpoint is"));
        continue;
      }
      try {
        TimestampToken token = TimestampToken.validate(timestamp.token(), timestamp.signedNote(), trusted);
        times.add(what + " time-stamped at " + token.generationTime() + " by " + token.authority());
      } catch (TimestampValidationException e) {
        findings.add(new Finding(Problem.TIMESTAMP_INVALID, null, null, "the time-stamp token of the " + what
            + " is invalid: " + e.getMessage()));
      }
    }
    return new Result(findings, times);
  }
}
