package org.auditrail.capture;

/**
 * How the plugin captures events.
 *
 * @param inlineLimitBytes values whose JSON is larger than this go to the content store; the event holds their hash
 * @param scopeCacheSize how many recently started scopes to remember, to resolve parents without a query
 */
public record CaptureSettings(int inlineLimitBytes, int scopeCacheSize) {

  public static final int DEFAULT_INLINE_LIMIT_BYTES = 64 * 1024;
  public static final int DEFAULT_SCOPE_CACHE_SIZE = 10_000;

  public CaptureSettings {
    if (inlineLimitBytes < 256) {
      throw new IllegalArgumentException("audit.capture.inline-limit must be at least 256 bytes, but was: "
          + inlineLimitBytes);
    }
    if (scopeCacheSize < 0) {
      throw new IllegalArgumentException("audit.capture.scope-cache-size must not be negative, but was: "
          + scopeCacheSize);
    }
  }

  public static CaptureSettings defaults() {
    return new CaptureSettings(DEFAULT_INLINE_LIMIT_BYTES, DEFAULT_SCOPE_CACHE_SIZE);
  }
}
