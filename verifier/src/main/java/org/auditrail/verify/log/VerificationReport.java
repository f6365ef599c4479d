package org.auditrail.verify.log;

import java.util.List;

/**
 * The result of a verification run.
 *
 * @param eventsChecked sealed events whose leaves were recomputed
 * @param checkpointsChecked signed checkpoints verified (in the database and anchored)
 * @param blobsChecked content-store blobs rehashed
 * @param unsignedEvents sealed events not yet covered by a signed checkpoint (not a failure)
 * @param findings everything found wrong, in log order; empty when the log verified
 * @param expiredPayloads payloads removed under a retention policy: reported, and not a finding
 * @param notes what else the run established or could not check, one line each (such as {@code complete: ...}
 *     or {@code note: ...}), to print after the findings
 */
public record VerificationReport(long eventsChecked, long checkpointsChecked, long blobsChecked,
    long unsignedEvents, List<Finding> findings, List<ExpiredPayload> expiredPayloads, List<String> notes) {

  public VerificationReport {
    findings = List.copyOf(findings);
    expiredPayloads = List.copyOf(expiredPayloads);
    notes = List.copyOf(notes);
  }

  public VerificationReport(long eventsChecked, long checkpointsChecked, long blobsChecked, long unsignedEvents,
      List<Finding> findings, List<ExpiredPayload> expiredPayloads) {
    this(eventsChecked, checkpointsChecked, blobsChecked, unsignedEvents, findings, expiredPayloads, List.of());
  }

  public VerificationReport(long eventsChecked, long checkpointsChecked, long blobsChecked, long unsignedEvents,
      List<Finding> findings) {
    this(eventsChecked, checkpointsChecked, blobsChecked, unsignedEvents, findings, List.of());
  }

  /** This report with more findings, from a check made beside the log's own (such as its time-stamp tokens). */
  public VerificationReport withFindings(List<Finding> more) {
    List<Finding> all = new java.util.ArrayList<>(findings);
    all.addAll(more);
    return new VerificationReport(eventsChecked, checkpointsChecked, blobsChecked, unsignedEvents, all,
        expiredPayloads, notes);
  }

  public boolean verified() {
    return findings.isEmpty();
  }

  public String summary() {
    if (verified()) {
      return "verified: " + eventsChecked + " events, " + checkpointsChecked + " checkpoints, " + blobsChecked
          + " blobs" + (unsignedEvents == 0 ? "" : "; " + unsignedEvents + " newest events not yet in a checkpoint")
          + (expiredPayloads.isEmpty() ? "" : "; " + expiredPayloads.size()
              + " payloads expired per retention policy");
    }
    return "TAMPERING FOUND (" + findings.size() + " findings); first: " + findings.get(0);
  }
}
