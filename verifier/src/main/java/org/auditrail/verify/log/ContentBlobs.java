package org.auditrail.verify.log;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Rehashes content-store blobs, whose key is the lower-case hex SHA-256 of their bytes. */
public final class ContentBlobs {

  private ContentBlobs() {}

  /** Adds a {@link Problem#BLOB_ALTERED} finding for every blob that no longer hashes to its key. */
  public static void verify(Map<String, byte[]> blobsByKey, List<Finding> findings) {
    MessageDigest sha256 = sha256();
    for (Map.Entry<String, byte[]> blob : blobsByKey.entrySet()) {
      String actual = HexFormat.of().formatHex(sha256.digest(blob.getValue()));
      if (!actual.equals(blob.getKey())) {
        findings.add(new Finding(Problem.BLOB_ALTERED, null, null, "content stored under " + blob.getKey()
            + " now hashes to " + actual));
      }
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
