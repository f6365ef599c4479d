package org.auditrail.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.auditrail.event.EventJson;

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

  /** How an event refers to these bytes: their hash, size and media type. */
  public ObjectNode reference() {
    ObjectNode reference = EventJson.mapper().createObjectNode();
    reference.put("content_sha256", sha256);
    reference.put("size", size());
    reference.put("media_type", mediaType);
    return reference;
  }

  public static ContentBlob utf8(String text, String mediaType) {
    return of(text.getBytes(StandardCharsets.UTF_8), mediaType);
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
