package org.auditrail.privacy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.auditrail.AuditLogger;
import org.auditrail.store.AuditStorageException;
import org.auditrail.store.Rollback;

/**
 * Opens the vault with the configured master key, failing closed like the checkpoint signing key: the vault keeps
 * the key's check value ({@code audit_privacy_key}), and a key that does not match it (a lost key file replaced by
 * a new one, a wrong environment variable) stops the node instead of starting a second, disjoint vault. A rotation
 * is declared by naming the previous key; then every subject's data key is re-wrapped under the new one in one
 * transaction. The token key, from which subject ids and tokens are derived, is kept wrapped beside the check
 * value, so that it survives a rotation: the same person keeps the same subject id and tokens.
 */
final class VaultKeys {

  /** The opened keys: the master key that wraps the subjects' keys, and the token key. */
  record Keys(SecretKeySpec master, byte[] token) {}

  private static final String SLOT = "master";

  private final DataSource dataSource;
  private final MasterKey source;

  VaultKeys(DataSource dataSource, MasterKey source) {
    this.dataSource = dataSource;
    this.source = source;
  }

  /** Whether the vault has been used: a key was checked in, or (before the check values) subjects exist. */
  boolean inUse() {
    try (Connection connection = dataSource.getConnection()) {
      return count(connection, "select count(*) from audit_privacy_key") > 0
          || count(connection, "select count(*) from audit_privacy_subject") > 0;
    } catch (SQLException e) {
      throw failure("read the master key check", e);
    }
  }

  /** The vault's keys, after checking the configured master key against the vault (and rotating, if declared). */
  Keys open() {
    try {
      return openOnce();
    } catch (AuditStorageException firstCheckInRace) {
      // Two nodes checking in the first key at once: the loser's insert fails, and it finds the winner's row.
      return openOnce();
    }
  }

  private Keys openOnce() {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        Keys keys = open(connection);
        connection.commit();
        return keys;
      } catch (SQLException | RuntimeException e) {
        Rollback.keepingCause(connection, e);
        throw e;
      }
    } catch (SQLException e) {
      throw failure("check the master key", e);
    }
  }

  private Keys open(Connection connection) throws SQLException {
    Optional<Stored> stored = stored(connection);
    long subjects = count(connection, "select count(*) from audit_privacy_subject");
    Optional<byte[]> configured = source.existing();
    if (configured.isEmpty() && subjects == 0) {
      configured = Optional.of(source.generate());
    }
    if (configured.isPresent() && isVaultKey(connection, stored, configured.get())) {
      byte[] key = configured.get();
      byte[] tokenKey = tokenKey(stored, key);
      if (stored.isEmpty()) {
        store(connection, stored, key, tokenKey);
      }
      return new Keys(VaultCipher.aes(key), tokenKey);
    }
    if (subjects == 0) {
      // Nothing is wrapped by the key checked in before, so nothing is lost: the configured key becomes the vault's.
      byte[] key = configured.get();
      byte[] tokenKey = derivedTokenKey(key);
      store(connection, stored, key, tokenKey);
      return new Keys(VaultCipher.aes(key), tokenKey);
    }
    Optional<byte[]> previous = vaultKeyAmong(connection, stored, source.previous());
    if (previous.isPresent()) {
      return rotate(connection, stored, previous.get(), configured.orElseGet(source::generate));
    }
    if (configured.isEmpty()) {
      throw new MasterKeyException("AUDIT-110 the privacy master key file " + source.file().toAbsolutePath()
          + " is missing and " + MasterKey.ENVIRONMENT + " is not set, but the vault already holds " + subjects
          + " data subject(s) whose keys are wrapped with that key. Restore the key file or set "
          + MasterKey.ENVIRONMENT + " (all nodes share one key); to rotate the key on purpose, list the previous"
          + " key's file under " + MasterKey.PREVIOUS_PROPERTY + " and a new key is generated.");
    }
    throw new MasterKeyException("AUDIT-111 the privacy master key from " + source.source() + " (key check "
        + MasterKey.checkValue(configured.get()) + ") is not the key of the vault, which holds " + subjects
        + " data subject(s) under the key" + stored.map(s -> " with key check " + s.check).orElse("") + ". Restore"
        + " the vault's key there (all nodes share one key); to rotate the key on purpose, list the previous"
        + " key's file under " + MasterKey.PREVIOUS_PROPERTY + ".");
  }

  /** Re-wraps every subject's data key and the token key from the previous master key under the new one. */
  private Keys rotate(Connection connection, Optional<Stored> stored, byte[] previous, byte[] key)
      throws SQLException {
    SecretKeySpec from = VaultCipher.aes(previous);
    SecretKeySpec to = VaultCipher.aes(key);
    byte[] tokenKey = tokenKey(stored, previous);
    int rewrapped = 0;
    try (PreparedStatement query = connection.prepareStatement(
        "select subject_id, wrapped_key from audit_privacy_subject where wrapped_key is not null");
        PreparedStatement update = connection.prepareStatement(
            "update audit_privacy_subject set wrapped_key = ? where subject_id = ?");
        ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        update.setBytes(1, VaultCipher.encrypt(to, VaultCipher.decrypt(from, rows.getBytes(2))));
        update.setString(2, rows.getString(1));
        update.addBatch();
        rewrapped++;
      }
      update.executeBatch();
    }
    store(connection, stored, key, tokenKey);
    AuditLogger.privacyKeyRotated(MasterKey.checkValue(previous), MasterKey.checkValue(key), rewrapped);
    return new Keys(to, tokenKey);
  }

  /** The declared previous key that is the vault's, if any. */
  private Optional<byte[]> vaultKeyAmong(Connection connection, Optional<Stored> stored, List<byte[]> candidates)
      throws SQLException {
    for (byte[] candidate : candidates) {
      if (isVaultKey(connection, stored, candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * Whether the key is the vault's: its check value is the stored one, or, for a vault from before check values,
   * it unwraps a subject's data key (a vault whose subjects are all erased has nothing left to protect).
   */
  private static boolean isVaultKey(Connection connection, Optional<Stored> stored, byte[] key) throws SQLException {
    if (stored.isPresent()) {
      return stored.get().check.equals(MasterKey.checkValue(key));
    }
    try (PreparedStatement query = connection.prepareStatement(
        "select wrapped_key from audit_privacy_subject where wrapped_key is not null");
        ResultSet row = query.executeQuery()) {
      if (!row.next()) {
        return true;
      }
      try {
        VaultCipher.decrypt(VaultCipher.aes(key), row.getBytes(1));
        return true;
      } catch (IllegalStateException wrongKey) {
        return false;
      }
    }
  }

  /** The vault's token key, opened with the vault's master key. */
  private static byte[] tokenKey(Optional<Stored> stored, byte[] vaultKey) {
    return stored.isPresent() ? VaultCipher.decrypt(VaultCipher.aes(vaultKey), stored.get().wrappedTokenKey)
        : derivedTokenKey(vaultKey);
  }

  /** The token key of a vault: derived once from its first master key, then kept wrapped. */
  private static byte[] derivedTokenKey(byte[] masterKey) {
    return VaultCipher.hmac(masterKey, "auditrail token key");
  }

  /** Records the key's check value and the token key wrapped by it, as the first key or in place of the stored. */
  private static void store(Connection connection, Optional<Stored> stored, byte[] key, byte[] tokenKey)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(stored.isPresent()
        ? "update audit_privacy_key set key_check = ?, wrapped_token_key = ?, rotated_at = ? where key_slot = ?"
        : "insert into audit_privacy_key (key_check, wrapped_token_key, created_at, key_slot) values (?, ?, ?, ?)")) {
      statement.setString(1, MasterKey.checkValue(key));
      statement.setBytes(2, VaultCipher.encrypt(VaultCipher.aes(key), tokenKey));
      statement.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
      statement.setString(4, SLOT);
      statement.executeUpdate();
    }
  }

  private record Stored(String check, byte[] wrappedTokenKey) {}

  /** The stored check value, locked until this transaction ends, so that two nodes never rotate at once. */
  private static Optional<Stored> stored(Connection connection) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(
        "select key_check, wrapped_token_key from audit_privacy_key where key_slot = ? for update")) {
      query.setString(1, SLOT);
      try (ResultSet row = query.executeQuery()) {
        return row.next() ? Optional.of(new Stored(row.getString(1), row.getBytes(2))) : Optional.empty();
      }
    }
  }

  private static long count(Connection connection, String sql) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(sql); ResultSet row = query.executeQuery()) {
      row.next();
      return row.getLong(1);
    }
  }

  private static AuditStorageException failure(String what, SQLException e) {
    return new AuditStorageException("AUDIT-060 could not " + what + " in the vault: " + e.getMessage(), e);
  }
}
