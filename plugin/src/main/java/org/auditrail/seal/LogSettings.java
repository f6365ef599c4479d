package org.auditrail.seal;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How the Merkle log is sealed and signed.
 *
 * @param origin the log's name in every checkpoint (its first line)
 * @param keyName the signing key's name in every signature line
 * @param signingKey PKCS#8 PEM file of the Ed25519 signing key; generated there on first start when missing
 * @param anchorDirectory write-once folder that receives a copy of every checkpoint, or {@code null} for none
 * @param sealInterval how often the sequencer looks for committed events to seal
 * @param checkpointInterval the least time between two signed checkpoints
 * @param batchSize the most events sealed in one transaction
 * @param previousPublicKeys verifier keys (C2SP vkey form) of earlier signing keys, still served after rotation
 * @param timestampAuthority RFC 3161 time-stamp authority for every checkpoint, or {@code null} for none
 * @param timestampTimeout how long to wait for the time-stamp authority
 * @param timestampTrustStore PEM file of the trusted TSA certificates that every token is validated against
 *     before it is stored, or {@code null} to store tokens unchecked
 */
public record LogSettings(String origin, String keyName, Path signingKey, Path anchorDirectory,
    Duration sealInterval, Duration checkpointInterval, int batchSize, List<String> previousPublicKeys,
    URI timestampAuthority, Duration timestampTimeout, Path timestampTrustStore) {

  /** Settings whose time-stamp tokens, if any, are stored unchecked. */
  public LogSettings(String origin, String keyName, Path signingKey, Path anchorDirectory, Duration sealInterval,
      Duration checkpointInterval, int batchSize, List<String> previousPublicKeys, URI timestampAuthority,
      Duration timestampTimeout) {
    this(origin, keyName, signingKey, anchorDirectory, sealInterval, checkpointInterval, batchSize,
        previousPublicKeys, timestampAuthority, timestampTimeout, null);
  }

  public LogSettings {
    if (origin == null || origin.isBlank() || origin.contains("\n")) {
      throw new IllegalArgumentException("audit.log.origin must be one non-empty line, but was: " + origin);
    }
    if (batchSize < 1 || batchSize > 10_000) {
      throw new IllegalArgumentException("audit.log.batch-size must be between 1 and 10000, but was: " + batchSize);
    }
    if (sealInterval.isNegative() || sealInterval.isZero()) {
      throw new IllegalArgumentException("audit.log.seal-interval must be positive, but was: " + sealInterval);
    }
    previousPublicKeys = List.copyOf(previousPublicKeys);
  }

  /** An upper bound for the time from an event's commit to a signed checkpoint that covers it, when keeping up. */
  public Duration maxSealDelay() {
    return sealInterval.plus(checkpointInterval);
  }
}
