package org.auditrail.log;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.auditrail.AuditLogger;
import org.auditrail.verify.NoteSigner;

/** Loads the log's Ed25519 signing key from a PKCS#8 PEM file, or creates one there on first start. */
public final class SigningKeys {

  private SigningKeys() {}

  public static NoteSigner load(Path file, String keyName) {
    if (Files.exists(file)) {
      try {
        return NoteSigner.fromPkcs8Pem(keyName, Files.readString(file, StandardCharsets.US_ASCII));
      } catch (IOException | RuntimeException e) {
        throw new AuditStorageException("AUDIT-030 the checkpoint signing key " + file.toAbsolutePath()
            + " cannot be read as a PKCS#8 Ed25519 private key (" + e.getMessage() + "). Fix the file, or point"
            + " audit.log.signing-key at a readable key.", e);
      }
    }
    NoteSigner generated = NoteSigner.generate(keyName, new SecureRandom());
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Files.writeString(file, generated.toPkcs8Pem(), StandardCharsets.US_ASCII,
          java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
      restrictToOwner(file);
    } catch (FileAlreadyExistsException e) {
      return load(file, keyName);
    } catch (IOException e) {
      throw new AuditStorageException("AUDIT-030 no checkpoint signing key at " + file.toAbsolutePath()
          + " and a new one cannot be written there (" + e.getMessage() + "). Configure audit.log.signing-key.", e);
    }
    AuditLogger.signingKeyGenerated(file.toAbsolutePath().toString(), generated.verifier().vkey());
    return generated;
  }

  private static void restrictToOwner(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: the operator protects the file by other means.
    }
  }
}
