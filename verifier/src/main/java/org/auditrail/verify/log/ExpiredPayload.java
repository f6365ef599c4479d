package org.auditrail.verify.log;

/**
 * A payload removed from the content store under a retention policy, as the store recorded it. Its hash stays in
 * the sealed events, so the events verify; the bytes are gone by design, which is not tampering.
 *
 * @param policy the policy that expired it, such as {@code model_call 90 days}
 * @param expiredAt when, as ISO-8601 text
 */
public record ExpiredPayload(String sha256, String policy, String expiredAt) {

  @Override
  public String toString() {
    return "payload " + sha256 + " expired per retention policy (" + policy + ", " + expiredAt + ")";
  }
}
