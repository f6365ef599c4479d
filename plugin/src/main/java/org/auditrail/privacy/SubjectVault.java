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
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.auditrail.AuditLogger;
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

  /** Derives the bytes of a token from the token key and what the token stands for; a seam for tests only. */
  @FunctionalInterface
  interface TokenDerivation {
    byte[] derive(byte[] tokenKey, String input);
  }

  private static final String UNIQUE_VIOLATION = "23505";
  /** The field of business key tokens. */
  static final String BUSINESS_KEY = "businessKey";
  /** Bytes of HMAC in a token and in a subject id: 128 bits, so that no two values meet by chance. */
  private static final int DERIVED_BYTES = 16;
  /** Bytes of HMAC in the subject ids of vaults before 128-bit ids (a prefix of today's id of the same value). */
  private static final int LEGACY_SUBJECT_BYTES = 8;

  private final DataSource dataSource;
  private final VaultKeys vaultKeys;
  private final TokenDerivation derivation;
  private volatile SecretKeySpec masterKey;
  private volatile byte[] tokenKey;

  /**
   * @param masterKey where the master key comes from (a file or the environment, never the repository); read when
   *     the vault is first used, so an application without personal data never needs one
   */
  public SubjectVault(DataSource dataSource, MasterKey masterKey) {
    this(dataSource, masterKey, VaultCipher::hmac);
  }

  SubjectVault(DataSource dataSource, MasterKey masterKey, TokenDerivation derivation) {
    this.dataSource = dataSource;
    this.vaultKeys = new VaultKeys(dataSource, masterKey);
    this.derivation = derivation;
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

  /**
   * The subject id of a person, from the value that identifies them (such as a customer number): 128 bits of HMAC.
   * A person the vault met before subject ids had 128 bits keeps the 64-bit id it was given (the first half of
   * today's), so lookup, export and erasure still find them and their values stay under one key.
   */
  public String subjectIdOf(String subjectValue) {
    byte[] derived = hmac(tokenKey(), "subject\n" + subjectValue);
    String subjectId = "subject_" + HexFormat.of().formatHex(derived, 0, DERIVED_BYTES);
    String legacy = "subject_" + HexFormat.of().formatHex(derived, 0, LEGACY_SUBJECT_BYTES);
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query = connection.prepareStatement(
            "select subject_id from audit_privacy_subject where subject_id in (?, ?)")) {
      query.setString(1, subjectId);
      query.setString(2, legacy);
      boolean legacyOnly = false;
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          if (subjectId.equals(rows.getString(1))) {
            return subjectId;
          }
          legacyOnly = true;
        }
      }
      return legacyOnly ? legacy : subjectId;
    } catch (SQLException e) {
      throw failure("read subject " + subjectId, e);
    }
  }

  /**
   * The stable token of a personal value (128 bits of HMAC): the same subject, field and value give the same token,
   * and two people who share a value (a country) get different tokens, so each token belongs to one subject.
   * Tokens of 48 bits that earlier versions kept still resolve; they are never rewritten.
   */
  public String tokenOf(String subjectId, String field, String value) {
    return field + "_T" + HexFormat.of().formatHex(
        derivation.derive(tokenKey(), subjectId + "\n" + field + "\n" + value), 0, DERIVED_BYTES);
  }

  /**
   * The token of a value, kept encrypted for its subject. After the subject was erased the token is still given,
   * but the value is no longer kept.
   */
  public String tokenize(String subjectValue, String field, String value) {
    String subjectId = subjectIdOf(subjectValue);
    return keep(subjectId, tokenOf(subjectId, field, value), field, value);
  }

  /**
   * The token of a business key: a keyed index of the key alone (128 bits of HMAC, not bound to a subject), so that
   * whoever knows a case's clear business key can find its events, and nobody else can read it from them.
   */
  public String businessKeyToken(String businessKey) {
    return BUSINESS_KEY + "_T" + HexFormat.of().formatHex(
        derivation.derive(tokenKey(), "business key\n" + businessKey), 0, DERIVED_BYTES);
  }

  /**
   * Keeps a business key under its token for the subject, so that officers can resolve it and erasure shreds it.
   * A key shared by cases of two subjects stays with the first.
   */
  public String tokenizeBusinessKey(String subjectValue, String businessKey) {
    return keep(subjectIdOf(subjectValue), businessKeyToken(businessKey), BUSINESS_KEY, businessKey);
  }

  private String keep(String subjectId, String token, String field, String value) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        byte[] dataKey = subjectKey(connection, subjectId);
        boolean inserted = false;
        if (kept(connection, token).isEmpty()) {
          try (PreparedStatement insert = connection.prepareStatement("insert into audit_privacy_token (token,"
              + " subject_id, field, ciphertext, created_at) values (?, ?, ?, ?, ?)")) {
            insert.setString(1, token);
            insert.setString(2, subjectId);
            insert.setString(3, field);
            insert.setBytes(4, dataKey == null ? null : encrypt(new SecretKeySpec(dataKey, "AES"),
                value.getBytes(StandardCharsets.UTF_8)));
            insert.setObject(5, OffsetDateTime.now(ZoneOffset.UTC));
            // Another command may keep the same value at the same time: its token is this one.
            inserted = insertUnlessPresent(connection, insert);
          }
        }
        if (!inserted) {
          refuseCollision(connection, token, field, value);
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

  private record Kept(String subjectId, String field, byte[] ciphertext) {}

  private Optional<Kept> kept(Connection connection, String token) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(
        "select subject_id, field, ciphertext from audit_privacy_token where token = ?")) {
      query.setString(1, token);
      try (ResultSet row = query.executeQuery()) {
        return row.next() ? Optional.of(new Kept(row.getString(1), row.getString(2), row.getBytes(3)))
            : Optional.empty();
      }
    }
  }

  /**
   * A token that the vault already keeps must stand for this field and value: otherwise two values met on one
   * token, and resolving it would silently give the first. The kept value is compared while its subject's key
   * exists (an erased subject's values can no longer be compared, nor read). Its subject may differ from the one
   * the token was derived for, since a case's values move to their person once the person is known.
   */
  private void refuseCollision(Connection connection, String token, String field, String value)
      throws SQLException {
    Kept kept = kept(connection, token).orElseThrow(() -> new SQLException("the token " + token
        + " was kept by another transaction but cannot be read"));
    boolean sameValue = true;
    if (kept.field().equals(field) && kept.ciphertext() != null) {
      Optional<byte[]> key = storedKey(connection, kept.subjectId());
      sameValue = key.isEmpty() || key.get().length == 0 || Arrays.equals(
          decrypt(new SecretKeySpec(key.get(), "AES"), kept.ciphertext()), value.getBytes(StandardCharsets.UTF_8));
    }
    if (!kept.field().equals(field) || !sameValue) {
      AuditLogger.tokenCollision(token, field, kept.field());
      throw new TokenCollisionException(token, field, kept.field());
    }
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
    // Resolved before the connection below is taken: an engine command already holds one, and a second one held
    // while a third is asked for would let concurrent commands starve the pool.
    List<String> subjectIds = subjectValues.stream().map(this::subjectIdOf).toList();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query = connection.prepareStatement("select t.token, t.ciphertext, s.wrapped_key from"
            + " audit_privacy_token t join audit_privacy_subject s on s.subject_id = t.subject_id"
            + " where t.subject_id = ? and s.erased_at is null")) {
      for (String subjectId : subjectIds) {
        query.setString(1, subjectId);
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

  /**
   * What an erasure of the subject that did not finish has already removed from the engine's history (JSON, with
   * counts, variable names and case ids, never a value), or nothing when no erasure was begun.
   */
  public Optional<String> erasureProgress(String subjectId) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query = connection.prepareStatement("select erasure_started_at, erasure_progress from"
            + " audit_privacy_subject where subject_id = ? and erased_at is null")) {
      query.setString(1, subjectId);
      try (ResultSet row = query.executeQuery()) {
        return row.next() && row.getObject(1) != null ? Optional.ofNullable(row.getString(2)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw failure("read the erasure of " + subjectId, e);
    }
  }

  /** Records how far an erasure has come, so that a second request after a failure goes on from there. */
  public void recordErasureProgress(String subjectId, String progress) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update = connection.prepareStatement("update audit_privacy_subject set erasure_started_at"
            + " = coalesce(erasure_started_at, ?), erasure_progress = ? where subject_id = ? and erased_at is null")) {
      update.setObject(1, OffsetDateTime.now(ZoneOffset.UTC));
      update.setString(2, progress);
      update.setString(3, subjectId);
      update.executeUpdate();
    } catch (SQLException e) {
      throw failure("record the erasure of " + subjectId, e);
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
