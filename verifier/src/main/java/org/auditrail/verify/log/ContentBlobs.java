package org.auditrail.verify.log;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Rehashes content-store blobs, whose key is the lower-case hex SHA-256 of their bytes, one at a time so that a
 * store of any size can be checked as it streams past. Not thread-safe.
 */
public final class ContentBlobs {

  private final MessageDigest sha256 = sha256();

  /** Adds a {@link Problem#BLOB_ALTERED} finding for every blob that no longer hashes to its key. */
  public static void verify(Map<String, byte[]> blobsByKey, List<Finding> findings) {
    ContentBlobs blobs = new ContentBlobs();
    blobsByKey.forEach((key, bytes) -> blobs.verify(key, bytes, findings));
  }

  /** Adds a {@link Problem#BLOB_ALTERED} finding if the blob no longer hashes to its key. */
  public void verify(String key, byte[] bytes, List<Finding> findings) {
    String actual = HexFormat.of().formatHex(sha256.digest(bytes));
    if (!actual.equals(key)) {
      findings.add(new Finding(Problem.BLOB_ALTERED, null, null, "content stored under " + key
          + " now hashes to " + actual));
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }
}
