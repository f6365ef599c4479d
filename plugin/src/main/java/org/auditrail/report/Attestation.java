package org.auditrail.report;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.auditrail.seal.LogProofs;
import org.auditrail.seal.LogVerification;
import org.auditrail.verify.log.VerificationReport;

/**
 * The report's integrity attestation: the signed checkpoint that covers the month (the first one signed after the
 * month ended, else the latest), and the result of a full verification of the log at generation time.
 *
 * @param checkpoint empty when no checkpoint has been signed yet
 * @param coversMonth whether the checkpoint was signed after the month ended, so that it covers all of it
 */
public record Attestation(Optional<LogProofs.StoredCheckpoint> checkpoint, boolean coversMonth, boolean verified,
    String verificationSummary, Instant verifiedAt) {

  static Attestation of(ReportMonth month, LogProofs proofs, LogVerification verification) {
    List<LogProofs.StoredCheckpoint> checkpoints = proofs.checkpoints();
    Optional<LogProofs.StoredCheckpoint> covering = checkpoints.stream()
        .filter(checkpoint -> !checkpoint.createdAt().isBefore(month.to())).findFirst();
    Optional<LogProofs.StoredCheckpoint> chosen = covering.isPresent() ? covering
        : checkpoints.isEmpty() ? Optional.empty() : Optional.of(checkpoints.get(checkpoints.size() - 1));
    VerificationReport report = verification.run();
    return new Attestation(chosen, covering.isPresent(), report.verified(), report.summary(), Instant.now());
  }

  public String rootHashHex() {
    return checkpoint.map(stored -> HexFormat.of().formatHex(stored.rootHash())).orElse(null);
  }

  public boolean timestamped() {
    return checkpoint.map(stored -> stored.timestampToken() != null).orElse(false);
  }
}
