package org.auditrail.log;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Bytes kept in the content store under their SHA-256, so that an event can hold the hash instead of the value.
 *
 * @param sha256 lower-case hex SHA-256 of {@code content}
 * @param mediaType what the bytes are, such as {@code application/json} or {@code application/xml}
 * @param content the bytes themselves
 */
public record ContentBlob(String sha256, String mediaType, byte[] content) {

  public static ContentBlob of(byte[] content, String mediaType) {
    return new ContentBlob(sha256Hex(content), mediaType, content);
  }

  public long size() {
    return content.length;
  }

  public static String sha256Hex(byte[] bytes) {
    return HexFormat.of().formatHex(sha256(bytes));
  }

  public static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }
}
