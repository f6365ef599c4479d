package org.auditrail.verify.log;

import java.util.Locale;

/** What verification can find wrong with a log. */
public enum Problem {
  /** An event's bytes no longer hash to the leaf the log sealed. */
  MODIFIED,
  /** A sealed event, log entry or checkpoint is gone. */
  DELETED,
  /** An event is in the log's tables but was never sealed nor is waiting to be. */
  INSERTED,
  /** Sealed events are no longer in the order the log sealed them. */
  REORDERED,
  /** The newest part of the log is gone: a checkpoint anchored outside the database covers more. */
  TRUNCATED,
  /** A checkpoint's signature does not verify with any trusted key, or it disagrees with the log. */
  CHECKPOINT_FORGED,
  /** A content-store blob no longer hashes to its key. */
  BLOB_ALTERED,
  /** A query column disagrees with the sealed event it was taken from. */
  COLUMN_MISMATCH,
  /** An entry's previous-leaf hash does not match the leaf before it. */
  CHAIN_BROKEN,
  /**
   * An event references content that is not stored, and no sealed {@code payload_expired} event justifies its
   * removal: one names it, and the retention it states had passed for every event that references it.
   */
  BLOB_MISSING,
  /** An event was sealed longer after its time stamp than the verification's bound allows. */
  BACKDATED,
  /** Sealed events older than the verification's bound are covered by no verified checkpoint. */
  UNSIGNED,
  /** A checkpoint's RFC 3161 time-stamp token does not validate against the trusted TSA certificates. */
  TIMESTAMP_INVALID,
  /**
   * That a case bundle holds every event of its case cannot be shown: it has no trace summary, or one that is
   * unproven, of another case, or older than the events it holds.
   */
  INCOMPLETE;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
