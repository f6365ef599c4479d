package org.auditrail.seal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.auditrail.AuditLogger;
import org.auditrail.store.AuditStorageException;
import org.auditrail.verify.CheckpointParseException;
import org.auditrail.verify.NoteSigner;
import org.auditrail.verify.NoteVerifier;
import org.auditrail.verify.SignedNote;

/** Loads the log's Ed25519 signing key from a PKCS#8 PEM file, or creates one there on first start. */
public final class SigningKeys {

  private SigningKeys() {}

  /**
   * Loads the key of a log that may already be signed. A missing key file is only replaced by a new key when the
   * log's latest checkpoint verifies with one of the previous keys: otherwise the key was lost rather than
   * rotated, and a new one would silently give the log an identity its auditors do not trust.
   */
  public static NoteSigner load(Path file, String keyName, Optional<String> latestSignedNote,
      List<NoteVerifier> previousKeys) {
    if (!Files.exists(file) && latestSignedNote.isPresent()) {
      String latest = latestSignedNote.get();
      if (previousKeys.stream().noneMatch(key -> signs(key, latest))) {
        throw new AuditStorageException("AUDIT-030 the checkpoint signing key " + file.toAbsolutePath()
            + " is missing, but the log already holds checkpoints signed with it. Restore the key file (all nodes"
            + " share one key); to rotate the key on purpose, list its public key under"
            + " audit.log.previous-public-keys and a new key is generated.");
      }
    }
    return load(file, keyName);
  }

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
      WriteOnceFile.create(file, generated.toPkcs8Pem().getBytes(StandardCharsets.US_ASCII), true);
    } catch (FileAlreadyExistsException e) {
      return load(file, keyName);
    } catch (IOException e) {
      throw new AuditStorageException("AUDIT-030 no checkpoint signing key at " + file.toAbsolutePath()
          + " and a new one cannot be written there (" + e.getMessage() + "). Configure audit.log.signing-key.", e);
    }
    AuditLogger.signingKeyGenerated(file.toAbsolutePath().toString(), generated.verifier().vkey());
    return generated;
  }

  private static boolean signs(NoteVerifier key, String note) {
    try {
      return key.verifies(SignedNote.parse(note));
    } catch (CheckpointParseException e) {
      return false;
    }
  }
}
