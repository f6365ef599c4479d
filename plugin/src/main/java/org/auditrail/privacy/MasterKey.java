package org.auditrail.privacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.auditrail.AuditLogger;
import org.auditrail.seal.WriteOnceFile;

/**
 * Where the vault's master key comes from: 32 bytes, base64, from the environment variable
 * {@code AUDIT_PRIVACY_MASTER_KEY} or a file, which is generated on first use with a warning; and the previous keys
 * an operator declares to rotate it. Whether a key is the vault's is {@link VaultKeys}'s to decide, before any key
 * is generated: a new key for a vault that holds subjects would make all of them unreadable.
 */
public final class MasterKey {

  static final String ENVIRONMENT = "AUDIT_PRIVACY_MASTER_KEY";
  static final String PREVIOUS_ENVIRONMENT = "AUDIT_PRIVACY_PREVIOUS_MASTER_KEY";
  static final String PREVIOUS_PROPERTY = "audit.privacy.previous-master-key-files";

  private final Path file;
  private final List<Path> previousFiles;

  /**
   * @param file the key file, used when the environment variable is not set
   * @param previousFiles files of earlier master keys, declared to rotate the vault to the current key
   */
  public MasterKey(Path file, List<Path> previousFiles) {
    this.file = file;
    this.previousFiles = List.copyOf(previousFiles);
  }

  /** The configured key, if the environment or the file holds one. */
  Optional<byte[]> existing() {
    String fromEnvironment = System.getenv(ENVIRONMENT);
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return Optional.of(decode(fromEnvironment, "the environment variable " + ENVIRONMENT));
    }
    return Files.exists(file) ? Optional.of(read(file)) : Optional.empty();
  }

  /** A new key in the file; when another node wrote one first, that one, so that all nodes share one key. */
  byte[] generate() {
    byte[] key = VaultCipher.randomKey();
    try {
      WriteOnceFile.create(file, (Base64.getEncoder().encodeToString(key) + "\n")
          .getBytes(StandardCharsets.US_ASCII), true);
    } catch (FileAlreadyExistsException anotherNodeWasFirst) {
      return read(file);
    } catch (IOException e) {
      throw new UncheckedIOException("AUDIT-062 the privacy master key file " + file.toAbsolutePath()
          + " cannot be written", e);
    }
    AuditLogger.privacyKeyGenerated(file.toAbsolutePath().toString());
    return key;
  }

  /** The declared previous keys, from the files and the environment variable. */
  List<byte[]> previous() {
    List<byte[]> keys = new ArrayList<>();
    previousFiles.forEach(previous -> keys.add(read(previous)));
    String fromEnvironment = System.getenv(PREVIOUS_ENVIRONMENT);
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      keys.add(decode(fromEnvironment, "the environment variable " + PREVIOUS_ENVIRONMENT));
    }
    return keys;
  }

  /** Where the current key is read from, for messages. */
  String source() {
    String fromEnvironment = System.getenv(ENVIRONMENT);
    return fromEnvironment != null && !fromEnvironment.isBlank() ? "the environment variable " + ENVIRONMENT
        : "the file " + file.toAbsolutePath();
  }

  Path file() {
    return file;
  }

  /**
   * The key check value: the first 16 bytes of HMAC-SHA-256(key, "auditrail key check v1"), in hex. It tells
   * whether two keys are the same and gives nothing that helps to find the key.
   */
  static String checkValue(byte[] key) {
    return HexFormat.of().formatHex(VaultCipher.hmac(key, "auditrail key check v1"), 0, 16);
  }

  private static byte[] read(Path file) {
    try {
      return decode(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("AUDIT-062 the privacy master key file " + file + " cannot be read", e);
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
