package org.auditrail.verify.bundle;

import java.util.regex.Pattern;

/**
 * The entry names inside a case bundle. Events and their proofs are named by log index, zero-padded so that the
 * names sort in log order; blobs by the lower-case hex SHA-256 of their bytes.
 */
public final class BundleLayout {

  public static final String FORMAT = "auditrail-case-bundle/1";
  public static final String MANIFEST = "bundle.json";
  public static final String CHECKPOINT = "checkpoint.note";
  public static final String PUBLIC_KEYS = "public-keys.txt";
  /** The RFC 3161 time-stamp token of the checkpoint, DER, when the log has one. */
  public static final String CHECKPOINT_TIMESTAMP = "checkpoint.tsr";
  /**
   * The latest {@code trace_sealed} event of the case at or below the checkpoint, exactly as stored: the count and
   * root of the case's own events that show the bundle holds them all.
   */
  public static final String TRACE_SUMMARY = "trace/summary.json";
  /** The inclusion proof of the {@link #TRACE_SUMMARY} against the checkpoint. */
  public static final String TRACE_SUMMARY_PROOF = "trace/summary-proof.json";

  /** A content-store key; nothing else may name a blob entry, so no entry name can climb out of blobs/. */
  static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  static final Pattern EVENT = Pattern.compile("events/([0-9]{20})\\.json");
  static final Pattern PROOF = Pattern.compile("proofs/([0-9]{20})\\.json");
  static final Pattern BLOB = Pattern.compile("blobs/(" + SHA256.pattern() + ")");
  static final Pattern EXPIRED = Pattern.compile("expired/(" + SHA256.pattern() + ")");
  static final Pattern EXPIRY_EVENT = Pattern.compile("expiries/events/([0-9]{20})\\.json");
  static final Pattern EXPIRY_PROOF = Pattern.compile("expiries/proofs/([0-9]{20})\\.json");
  static final Pattern TRACE_PROOF = Pattern.compile("trace/proofs/([0-9]{20})\\.json");

  private BundleLayout() {}

  public static String event(long logIndex) {
    return "events/" + padded(logIndex) + ".json";
  }

  public static String proof(long logIndex) {
    return "proofs/" + padded(logIndex) + ".json";
  }

  /**
   * The inclusion proof of the event at a log index in the case's trace tree: its {@code leaf_index} is the event's
   * position among the case's events, its {@code tree_size} the trace summary's event count.
   */
  public static String traceProof(long logIndex) {
    return "trace/proofs/" + padded(logIndex) + ".json";
  }

  public static String blob(String sha256) {
    if (!SHA256.matcher(sha256).matches()) {
      throw new IllegalArgumentException("a blob is named by 64 lower-case hex digits, but was: " + sha256);
    }
    return "blobs/" + sha256;
  }

  /**
   * A {@code payload_expired} event that removed content the case references, exactly as stored: the sealed
   * justification of the removal, with its proof at {@link #expiryProof}.
   */
  public static String expiryEvent(long logIndex) {
    return "expiries/events/" + padded(logIndex) + ".json";
  }

  /** The inclusion proof of an {@link #expiryEvent} against the bundle's checkpoint. */
  public static String expiryProof(long logIndex) {
    return "expiries/proofs/" + padded(logIndex) + ".json";
  }

  /**
   * The record of a payload that was removed under a retention policy: one line, {@code <policy>\t<when>}, for
   * the reader; unsigned, so the verifier believes only the sealed {@link #expiryEvent}.
   */
  public static String expired(String sha256) {
    return "expired/" + blob(sha256).substring("blobs/".length());
  }

  private static String padded(long logIndex) {
    if (logIndex < 0) {
      throw new IllegalArgumentException("log index must not be negative, but was: " + logIndex);
    }
    return String.format("%020d", logIndex);
  }
}
