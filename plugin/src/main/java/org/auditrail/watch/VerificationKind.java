package org.auditrail.watch;

import java.util.Locale;

/** What a verification run covers. */
public enum VerificationKind {
  /** The entries sealed since the last verified checkpoint, proven consistent with it. */
  INCREMENTAL,
  /** The whole log, every check the offline verifier makes. */
  FULL;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
