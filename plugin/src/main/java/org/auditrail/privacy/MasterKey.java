package org.auditrail.privacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.auditrail.AuditLogger;
import org.auditrail.log.WriteOnceFile;

/**
 * The vault's master key: 32 bytes, base64, from the environment variable {@code AUDIT_PRIVACY_MASTER_KEY} or a
 * file; generated into the file on first start, with a warning, when neither holds one.
 */
public final class MasterKey {

  static final String ENVIRONMENT = "AUDIT_PRIVACY_MASTER_KEY";

  private MasterKey() {}

  public static byte[] load(Path file) {
    String fromEnvironment = System.getenv(ENVIRONMENT);
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return decode(fromEnvironment, "the environment variable " + ENVIRONMENT);
    }
    try {
      if (Files.exists(file)) {
        return decode(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
      }
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      try {
        WriteOnceFile.create(file, (Base64.getEncoder().encodeToString(key) + "\n")
            .getBytes(StandardCharsets.US_ASCII), true);
      } catch (FileAlreadyExistsException anotherNodeWasFirst) {
        // Two nodes starting at once must share one key: the first one written is the key.
        return decode(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
      }
      AuditLogger.privacyKeyGenerated(file.toString());
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("AUDIT-062 the privacy master key file " + file + " cannot be read or written",
          e);
    }
  }

  private static byte[] decode(String text, String source) {
    byte[] key;
    try {
      key = Base64.getDecoder().decode(text.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("AUDIT-062 the privacy master key in " + source + " is not base64");
    }
    if (key.length != 32) {
      throw new IllegalArgumentException("AUDIT-062 the privacy master key in " + source + " must be 32 bytes"
          + " (AES-256), but has " + key.length);
    }
    return key;
  }
}
