package org.auditrail.privacy;

import static org.auditrail.privacy.VaultCipher.decrypt;
import static org.auditrail.privacy.VaultCipher.encrypt;
import static org.auditrail.privacy.VaultCipher.hmac;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.auditrail.store.AuditStorageException;
import org.auditrail.store.Rollback;

/**
 * The vault of personal data: each data subject has a data key of its own (AES-256), kept wrapped by the master
 * key; each personal value is kept once, encrypted with its subject's key (AES-GCM), under the token that stands
 * for it everywhere else. Destroying a subject's key (crypto-shredding) makes all of its values unrecoverable while
 * the events that carry its tokens stay as they were sealed.
 */
public final class SubjectVault {

  /** A token and the subject and field it stands for. */
  public record Token(String token, String subjectId, String field) {}

  /** The result of an erasure. */
  public record Erasure(String subjectId, Instant erasedAt, List<String> tokens) {}

  private static final String UNIQUE_VIOLATION = "23505";

  private final DataSource dataSource;
  private final VaultKeys vaultKeys;
  private volatile SecretKeySpec masterKey;
  private volatile byte[] tokenKey;

  /**
   * @param masterKey where the master key comes from (a file or the environment, never the repository); read when
   *     the vault is first used, so an application without personal data never needs one
   */
  public SubjectVault(DataSource dataSource, MasterKey masterKey) {
    this.dataSource = dataSource;
    this.vaultKeys = new VaultKeys(dataSource, masterKey);
  }

  /**
   * Checks the master key at start when the vault is in use, so that a lost or wrong key stops the node instead
   * of failing the first case that carries personal data (or, worse, starting a second vault).
   *
   * @throws MasterKeyException when the configured key is not the vault's and no rotation is declared
   */
  public void checkMasterKey() {
    if (vaultKeys.inUse()) {
      loadKeys();
    }
  }

  private synchronized void loadKeys() {
    if (masterKey == null) {
      VaultKeys.Keys keys = vaultKeys.open();
      tokenKey = keys.token();
      masterKey = keys.master();
    }
  }

  private SecretKeySpec masterKey() {
    if (masterKey == null) {
      loadKeys();
    }
    return masterKey;
  }

  private byte[] tokenKey() {
    if (tokenKey == null) {
      loadKeys();
    }
    return tokenKey;
  }

  /** The subject id of a person, from the value that identifies them (such as a customer number). */
  public String subjectIdOf(String subjectValue) {
    return "subject_" + HexFormat.of().formatHex(hmac(tokenKey(), "subject\n" + subjectValue), 0, 8);
  }

  /**
   * The stable token of a personal value: the same subject, field and value give the same token, and two people
   * who share a value (a country) get different tokens, so each token belongs to one subject.
   */
  public String tokenOf(String subjectId, String field, String value) {
    return field + "_T" + HexFormat.of().formatHex(hmac(tokenKey(), subjectId + "\n" + field + "\n" + value), 0, 6);
  }

  /**
   * The token of a value, kept encrypted for its subject. After the subject was erased the token is still given,
   * but the value is no longer kept.
   */
  public String tokenize(String subjectValue, String field, String value) {
    String subjectId = subjectIdOf(subjectValue);
    String token = tokenOf(subjectId, field, value);
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        byte[] dataKey = subjectKey(connection, subjectId);
        if (!exists(connection, "select 1 from audit_privacy_token where token = ?", token)) {
          try (PreparedStatement insert = connection.prepareStatement("insert into audit_privacy_token (token,"
              + " subject_id, field, ciphertext, created_at) values (?, ?, ?, ?, ?)")) {
            insert.setString(1, token);
            insert.setString(2, subjectId);
            insert.setString(3, field);
            insert.setBytes(4, dataKey == null ? null : encrypt(new SecretKeySpec(dataKey, "AES"),
                value.getBytes(StandardCharsets.UTF_8)));
            insert.setObject(5, OffsetDateTime.now(ZoneOffset.UTC));
            // Another command may keep the same value at the same time: its token is this one.
            insertUnlessPresent(connection, insert);
          }
        }
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        Rollback.keepingCause(connection, e);
        throw e;
      }
    } catch (SQLException e) {
      throw new AuditStorageException("AUDIT-060 a personal value of field '" + field + "' could not be kept in the"
          + " vault: " + e.getMessage(), e);
    }
    return token;
  }

  /**
   * Moves the values kept for one subject to another, re-encrypted with the other's key: a case's personal values
   * that arrived before the value identifying its person belong to that person once it arrives.
   */
  public void adopt(String fromSubjectValue, String toSubjectValue) {
    String from = subjectIdOf(fromSubjectValue);
    String to = subjectIdOf(toSubjectValue);
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        byte[] fromKey = exists(connection, "select 1 from audit_privacy_subject where subject_id = ?", from)
            ? subjectKey(connection, from) : null;
        byte[] toKey = subjectKey(connection, to);
        if (fromKey == null) {
          connection.commit();
          return;
        }
        try (PreparedStatement query = connection.prepareStatement(
            "select token, ciphertext from audit_privacy_token where subject_id = ?");
            PreparedStatement move = connection.prepareStatement(
                "update audit_privacy_token set subject_id = ?, ciphertext = ? where token = ?")) {
          query.setString(1, from);
          try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
              byte[] ciphertext = rows.getBytes(2);
              byte[] value = ciphertext == null ? null : decrypt(new SecretKeySpec(fromKey, "AES"), ciphertext);
              move.setString(1, to);
              move.setBytes(2, value == null || toKey == null ? null : encrypt(new SecretKeySpec(toKey, "AES"), value));
              move.setString(3, rows.getString(1));
              move.addBatch();
            }
          }
          move.executeBatch();
        }
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        Rollback.keepingCause(connection, e);
        throw e;
      }
    } catch (SQLException e) {
      throw failure("move personal values to " + to, e);
    }
  }

  public Optional<Token> token(String token) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query = connection.prepareStatement(
            "select subject_id, field from audit_privacy_token where token = ?")) {
      query.setString(1, token);
      try (ResultSet row = query.executeQuery()) {
        return row.next() ? Optional.of(new Token(token, row.getString(1), row.getString(2))) : Optional.empty();
      }
    } catch (SQLException e) {
      throw failure("read token " + token, e);
    }
  }

  /**
   * The personal value behind a token.
   *
   * @throws ErasedSubjectException when its subject was erased
   */
  public Optional<String> resolve(String token) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query = connection.prepareStatement("select t.subject_id, t.ciphertext, s.wrapped_key,"
            + " s.erased_at from audit_privacy_token t join audit_privacy_subject s on s.subject_id = t.subject_id"
            + " where t.token = ?")) {
      query.setString(1, token);
      try (ResultSet row = query.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        if (row.getObject(4) != null || row.getBytes(3) == null || row.getBytes(2) == null) {
          throw new ErasedSubjectException(row.getString(1));
        }
        byte[] dataKey = decrypt(masterKey(), row.getBytes(3));
        return Optional.of(new String(decrypt(new SecretKeySpec(dataKey, "AES"), row.getBytes(2)),
            StandardCharsets.UTF_8));
      }
    } catch (SQLException e) {
      throw failure("resolve token " + token, e);
    }
  }

  public List<Token> tokensOf(String subjectId) {
    List<Token> tokens = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query = connection.prepareStatement(
            "select token, field from audit_privacy_token where subject_id = ? order by token")) {
      query.setString(1, subjectId);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          tokens.add(new Token(rows.getString(1), subjectId, rows.getString(2)));
        }
      }
    } catch (SQLException e) {
      throw failure("read the tokens of " + subjectId, e);
    }
    return tokens;
  }

  /**
   * The values the vault holds for the given subjects, decrypted, each with its token: what the free text of their
   * cases is searched for. An erased subject has none; a vault not in use opens no key for this.
   */
  public Map<String, String> valuesOf(Collection<String> subjectValues) {
    Map<String, String> tokensByValue = new HashMap<>();
    if (subjectValues.isEmpty() || (masterKey == null && !vaultKeys.inUse())) {
      return tokensByValue;
    }
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query = connection.prepareStatement("select t.token, t.ciphertext, s.wrapped_key from"
            + " audit_privacy_token t join audit_privacy_subject s on s.subject_id = t.subject_id"
            + " where t.subject_id = ? and s.erased_at is null")) {
      for (String subjectValue : subjectValues) {
        query.setString(1, subjectIdOf(subjectValue));
        try (ResultSet rows = query.executeQuery()) {
          SecretKeySpec dataKey = null;
          while (rows.next()) {
            if (rows.getBytes(2) == null || rows.getBytes(3) == null) {
              continue;
            }
            if (dataKey == null) {
              dataKey = new SecretKeySpec(decrypt(masterKey(), rows.getBytes(3)), "AES");
            }
            tokensByValue.putIfAbsent(new String(decrypt(dataKey, rows.getBytes(2)), StandardCharsets.UTF_8),
                rows.getString(1));
          }
        }
      }
    } catch (SQLException e) {
      throw failure("read the values of " + subjectValues.size() + " subjects", e);
    }
    return tokensByValue;
  }

  public boolean isKnown(String subjectId) {
    try (Connection connection = dataSource.getConnection()) {
      return exists(connection, "select 1 from audit_privacy_subject where subject_id = ?", subjectId);
    } catch (SQLException e) {
      throw failure("read subject " + subjectId, e);
    }
  }

  public boolean isErased(String subjectId) {
    try (Connection connection = dataSource.getConnection()) {
      return exists(connection, "select 1 from audit_privacy_subject where subject_id = ? and erased_at is not null",
          subjectId);
    } catch (SQLException e) {
      throw failure("read subject " + subjectId, e);
    }
  }

  /** Writes the record of an erasure in the erasure's own transaction, which destroys nothing if this throws. */
  @FunctionalInterface
  public interface ErasureRecord {
    void write(Connection connection, Erasure erasure) throws SQLException;
  }

  /**
   * Destroys the subject's data key and the ciphertexts of its values, in one transaction with its record: the key
   * is gone only if the record was written.
   *
   * @throws UnknownSubjectException for a subject the vault never knew
   * @throws ErasedSubjectException for a subject erased before
   */
  public Erasure erase(String subjectId, String erasedBy, ErasureRecord record) {
    if (!isKnown(subjectId)) {
      throw new UnknownSubjectException(subjectId);
    }
    if (isErased(subjectId)) {
      throw new ErasedSubjectException(subjectId);
    }
    Erasure erasure = new Erasure(subjectId, Instant.now(), tokensOf(subjectId).stream().map(Token::token).toList());
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement subject = connection.prepareStatement("update audit_privacy_subject set wrapped_key ="
          + " null, erased_at = ?, erased_by = ? where subject_id = ?");
          PreparedStatement values = connection.prepareStatement(
              "update audit_privacy_token set ciphertext = null where subject_id = ?")) {
        record.write(connection, erasure);
        subject.setObject(1, OffsetDateTime.ofInstant(erasure.erasedAt(), ZoneOffset.UTC));
        subject.setString(2, erasedBy);
        subject.setString(3, subjectId);
        subject.executeUpdate();
        values.setString(1, subjectId);
        values.executeUpdate();
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        Rollback.keepingCause(connection, e);
        throw e;
      }
    } catch (SQLException e) {
      throw failure("erase " + subjectId, e);
    }
    return erasure;
  }

  /**
   * The subject's data key, created on first use; {@code null} once the subject was erased. Insert-or-get: when
   * another command creates the same subject at the same time, the key it stored is the subject's.
   */
  private byte[] subjectKey(Connection connection, String subjectId) throws SQLException {
    Optional<byte[]> stored = storedKey(connection, subjectId);
    if (stored.isPresent()) {
      return stored.get().length == 0 ? null : stored.get();
    }
    byte[] dataKey = VaultCipher.randomKey();
    try (PreparedStatement insert = connection.prepareStatement(
        "insert into audit_privacy_subject (subject_id, wrapped_key, created_at) values (?, ?, ?)")) {
      insert.setString(1, subjectId);
      insert.setBytes(2, encrypt(masterKey(), dataKey));
      insert.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
      if (insertUnlessPresent(connection, insert)) {
        return dataKey;
      }
    }
    byte[] theirs = storedKey(connection, subjectId).orElseThrow(() -> new SQLException(
        "the data subject " + subjectId + " was created by another transaction but cannot be read"));
    return theirs.length == 0 ? null : theirs;
  }

  /** The subject's unwrapped data key, empty bytes once erased, or nothing for an unknown subject. */
  private Optional<byte[]> storedKey(Connection connection, String subjectId) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(
        "select wrapped_key from audit_privacy_subject where subject_id = ?")) {
      query.setString(1, subjectId);
      try (ResultSet row = query.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        byte[] wrapped = row.getBytes(1);
        return Optional.of(wrapped == null ? new byte[0] : decrypt(masterKey(), wrapped));
      }
    }
  }

  /**
   * Runs an insert, or leaves the row another transaction inserted first (a unique violation, SQL state 23505 on
   * PostgreSQL and H2) with this transaction still usable.
   *
   * @return whether this transaction inserted the row
   */
  private static boolean insertUnlessPresent(Connection connection, PreparedStatement insert) throws SQLException {
    Savepoint before = connection.setSavepoint();
    try {
      insert.executeUpdate();
      connection.releaseSavepoint(before);
      return true;
    } catch (SQLException e) {
      if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw e;
      }
      connection.rollback(before);
      return false;
    }
  }

  private static boolean exists(Connection connection, String sql, String key) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      query.setString(1, key);
      try (ResultSet row = query.executeQuery()) {
        return row.next();
      }
    }
  }

  private static AuditStorageException failure(String what, SQLException e) {
    return new AuditStorageException("AUDIT-060 could not " + what + " in the vault: " + e.getMessage(), e);
  }
}
