package org.auditrail.verify.bundle;

/**
 * How much a case bundle may unpack to. The reader holds a bundle in memory, so a ZIP bomb (a small file that
 * inflates to gigabytes) or millions of empty entries would exhaust the verifier instead of failing it.
 *
 * @param maxEntries the most entries (files and folders) a bundle may hold
 * @param maxEntryBytes the most bytes one entry may inflate to, counted while reading, never taken from the header
 * @param maxTotalBytes the most bytes all entries together may inflate to
 */
public record BundleLimits(int maxEntries, long maxEntryBytes, long maxTotalBytes) {

  /** Generous for real bundles: a case of tens of thousands of events with documents of up to 64 MiB. */
  public static final BundleLimits DEFAULT = new BundleLimits(200_000, 64L << 20, 1L << 30);

  public BundleLimits {
    if (maxEntries < 1 || maxEntryBytes < 1 || maxTotalBytes < 1) {
      throw new IllegalArgumentException("bundle limits must be positive, but were " + maxEntries + " entries, "
          + maxEntryBytes + " bytes per entry, " + maxTotalBytes + " bytes in total");
    }
  }
}
