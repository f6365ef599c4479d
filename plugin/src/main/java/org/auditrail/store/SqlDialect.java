package org.auditrail.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/** The databases the audit tables are kept on, and the few statements that differ between them. */
public enum SqlDialect {
  POSTGRESQL("postgresql",
      "insert into audit_content (sha256, size_bytes, media_type, content, created_at) values (?, ?, ?, ?, ?)"
          + " on conflict (sha256) do nothing",
      "%s @> array[?]::varchar[]"),
  H2("h2",
      "merge into audit_content t using (values (cast(? as varchar(64)), cast(? as bigint), cast(? as varchar(255)),"
          + " cast(? as varbinary), cast(? as timestamp with time zone))) s(sha256, size_bytes, media_type, content, created_at)"
          + " on t.sha256 = s.sha256 when not matched then insert (sha256, size_bytes, media_type, content, created_at)"
          + " values (s.sha256, s.size_bytes, s.media_type, s.content, s.created_at)",
      "array_contains(%s, ?)");

  private final String migrationFolder;
  private final String insertContentIfAbsent;
  private final String arrayContains;

  SqlDialect(String migrationFolder, String insertContentIfAbsent, String arrayContains) {
    this.migrationFolder = migrationFolder;
    this.insertContentIfAbsent = insertContentIfAbsent;
    this.arrayContains = arrayContains;
  }

  public String migrationLocation() {
    return "classpath:org/auditrail/db/" + migrationFolder;
  }

  String insertContentIfAbsent() {
    return insertContentIfAbsent;
  }

  /** A condition that an array column holds the one value bound to it; on PostgreSQL, one its GIN index answers. */
  String arrayContains(String column) {
    return String.format(arrayContains, column);
  }

  public static SqlDialect of(Connection connection) throws SQLException {
    String product = connection.getMetaData().getDatabaseProductName();
    String normalized = product.toLowerCase(Locale.ROOT);
    if (normalized.contains("postgresql")) {
      return POSTGRESQL;
    }
    if (normalized.equals("h2")) {
      return H2;
    }
    throw new AuditStorageException("AUDIT-010 audit tables can be kept on PostgreSQL or H2, but the process engine's"
        + " database is '" + product + "'. Point the engine at PostgreSQL (production) or H2 (development).");
  }
}
