package org.auditrail.ai;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.auditrail.store.AuditStorageException;
import org.auditrail.store.ContentBlob;
import org.auditrail.store.ContentStore;
import org.auditrail.store.Transactions;

/**
 * Prompt templates by id and semantic version, append-only: each version's text is kept once in the content store
 * under its SHA-256, and a version, once published, never points at another text. Versions come from the
 * application's resources ({@code prompts/<id>/<version>.txt}, published at start-up) and from the database,
 * where any node or tool may have published them.
 */
public final class PromptRegistry {

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]*");
  private static final Pattern SEMANTIC_VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+");
  static final String MEDIA_TYPE = "text/plain; charset=utf-8";

  private final Transactions transactions;
  private final ContentStore contents;
  private final Map<String, PromptVersion> known = new ConcurrentHashMap<>();

  public PromptRegistry(Transactions transactions, ContentStore contents) {
    this.transactions = transactions;
    this.contents = contents;
  }

  /**
   * Publishes a version, or confirms that the same text is already published under it.
   *
   * @throws AiConfigurationException if the id or version is malformed, or the version holds another text
   */
  public PromptVersion publish(String id, String version, String text, String source) {
    if (!ID.matcher(id).matches()) {
      throw new AiConfigurationException("prompt id '" + id + "' (from " + source + ") must be lower-case letters,"
          + " digits, '.', '_' or '-'");
    }
    if (!SEMANTIC_VERSION.matcher(version).matches()) {
      throw new AiConfigurationException("prompt '" + id + "' version '" + version + "' (from " + source
          + ") is not a semantic version such as 1.2.0");
    }
    ContentBlob blob = ContentBlob.of(text.getBytes(StandardCharsets.UTF_8), MEDIA_TYPE);
    PromptVersion candidate = new PromptVersion(id, version, text, blob.sha256(), source);
    try {
      PromptVersion published = transactions.onConnection(connection -> {
        connection.setAutoCommit(false);
        Optional<PromptVersion> stored = load(connection, id, version);
        if (stored.isEmpty()) {
          try {
            contents.put(connection, List.of(blob));
            insert(connection, candidate);
            connection.commit();
            stored = Optional.of(candidate);
          } catch (SQLException raced) {
            // Another node may have published the same version at the same moment; what it stored decides.
            connection.rollback();
            stored = load(connection, id, version);
            if (stored.isEmpty()) {
              throw raced;
            }
          }
        } else {
          connection.commit();
        }
        return stored.get();
      });
      if (!published.sha256().equals(candidate.sha256())) {
        throw new AiConfigurationException("prompt '" + id + "' version " + version + " is already published with"
            + " text SHA-256 " + published.sha256() + " (from " + published.source() + "), but " + source
            + " has text SHA-256 " + candidate.sha256() + ". A published version never changes: publish the new"
            + " text under a new version.");
      }
      known.put(published.label(), published);
      return published;
    } catch (SQLException e) {
      throw new AuditStorageException("AUDIT-040 prompt '" + id + "' version " + version + " could not be"
          + " published: " + e.getMessage(), e);
    }
  }

  public Optional<PromptVersion> find(String id, String version) {
    PromptVersion cached = known.get(id + "@" + version);
    if (cached != null) {
      return Optional.of(cached);
    }
    try {
      Optional<PromptVersion> stored = transactions.onConnection(connection -> load(connection, id, version));
      stored.ifPresent(prompt -> known.put(prompt.label(), prompt));
      return stored;
    } catch (SQLException e) {
      throw new AuditStorageException("AUDIT-040 prompt '" + id + "' version " + version + " could not be read: "
          + e.getMessage(), e);
    }
  }

  /** The published versions of a prompt, for error messages that say what would have been valid. */
  public List<String> versions(String id) {
    List<String> versions = new ArrayList<>();
    try {
      transactions.onConnection(connection -> {
        try (PreparedStatement query = connection.prepareStatement(
            "select version from audit_prompt_version where prompt_id = ? order by version")) {
          query.setString(1, id);
          try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
              versions.add(rows.getString(1));
            }
          }
        }
        return versions;
      });
    } catch (SQLException e) {
      throw new AuditStorageException("AUDIT-040 versions of prompt '" + id + "' could not be read: "
          + e.getMessage(), e);
    }
    return versions;
  }

  private Optional<PromptVersion> load(Connection connection, String id, String version) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement("select content_sha256, source"
        + " from audit_prompt_version where prompt_id = ? and version = ?")) {
      query.setString(1, id);
      query.setString(2, version);
      try (ResultSet row = query.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        String sha256 = row.getString(1);
        String source = row.getString(2);
        return contents.find(connection, sha256).map(text -> new PromptVersion(id, version,
            new String(text.content(), StandardCharsets.UTF_8), sha256, source));
      }
    }
  }

  private static void insert(Connection connection, PromptVersion prompt) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("insert into audit_prompt_version"
        + " (prompt_id, version, content_sha256, source, registered_at) values (?, ?, ?, ?, ?)")) {
      insert.setString(1, prompt.id());
      insert.setString(2, prompt.version());
      insert.setString(3, prompt.sha256());
      insert.setString(4, prompt.source());
      insert.setObject(5, OffsetDateTime.now(ZoneOffset.UTC));
      insert.executeUpdate();
    }
  }
}
