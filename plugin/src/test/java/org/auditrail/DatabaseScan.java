package org.auditrail;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import javax.sql.DataSource;

/**
 * Finds a value anywhere in a database: every cell of every table and view whose name the filter accepts, read as
 * text and as bytes (binary values, large objects, arrays), so that a value is found in clear however it is kept.
 */
public final class DatabaseScan {

  private DatabaseScan() {}

  /** Tables and views of the audit store. */
  public static final Predicate<String> AUDIT_TABLES = table -> table.startsWith("audit_");
  /** Every table and view, the engine's included. */
  public static final Predicate<String> EVERY_TABLE = table -> true;

  /** Each "table.column" whose cell holds the value's UTF-8 bytes, once per cell; table names in lower case. */
  public static List<String> cellsHolding(DataSource dataSource, String value, Predicate<String> tables)
      throws SQLException {
    byte[] wanted = value.getBytes(StandardCharsets.UTF_8);
    List<String> found = new ArrayList<>();
    try (Connection connection = dataSource.getConnection()) {
      for (String table : tables(connection, tables)) {
        try (PreparedStatement query = connection.prepareStatement("select * from \"" + table + "\"");
            ResultSet rows = query.executeQuery()) {
          int columns = rows.getMetaData().getColumnCount();
          while (rows.next()) {
            for (int column = 1; column <= columns; column++) {
              if (indexOf(bytesOf(rows.getObject(column)), wanted) >= 0) {
                found.add(table.toLowerCase(Locale.ROOT) + "."
                    + rows.getMetaData().getColumnName(column).toLowerCase(Locale.ROOT));
              }
            }
          }
        }
      }
    }
    return found;
  }

  /** The tables and views of the connection's own schema whose lower-case name the filter accepts. */
  private static List<String> tables(Connection connection, Predicate<String> accepted) throws SQLException {
    List<String> tables = new ArrayList<>();
    DatabaseMetaData metadata = connection.getMetaData();
    try (ResultSet rows = metadata.getTables(null, connection.getSchema(), "%", new String[] {"TABLE", "VIEW"})) {
      while (rows.next()) {
        String name = rows.getString("TABLE_NAME");
        if (accepted.test(name.toLowerCase(Locale.ROOT))) {
          tables.add(name);
        }
      }
    }
    return tables;
  }

  private static byte[] bytesOf(Object cell) throws SQLException {
    if (cell == null) {
      return new byte[0];
    }
    if (cell instanceof byte[] bytes) {
      return bytes;
    }
    if (cell instanceof Blob blob) {
      return blob.getBytes(1, (int) blob.length());
    }
    if (cell instanceof Clob clob) {
      return clob.getSubString(1, (int) clob.length()).getBytes(StandardCharsets.UTF_8);
    }
    if (cell instanceof Array array) {
      return List.of((Object[]) array.getArray()).toString().getBytes(StandardCharsets.UTF_8);
    }
    if (cell instanceof Object[] values) {
      return List.of(values).toString().getBytes(StandardCharsets.UTF_8);
    }
    return String.valueOf(cell).getBytes(StandardCharsets.UTF_8);
  }

  /** Where the needle starts in the haystack, or -1. */
  public static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
