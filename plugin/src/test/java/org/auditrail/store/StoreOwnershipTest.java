package org.auditrail.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The audit tables have one owner: no source file outside {@code org.auditrail.store} holds a statement on them, so
 * that their layout can change in this package alone. Tables a feature owns alone (the vault, prompt versions, the
 * tool ledger, AI task configurations, the sealing tables) are not the store's and stay with their feature.
 */
class StoreOwnershipTest {

  private static final Path SOURCES = Path.of("src/main/java");
  private static final String STORE = "org/auditrail/store/";

  /** A statement that names one of the store's tables; string literals joined with {@code +} are read as one. */
  private static final Pattern STATEMENT = Pattern.compile(
      "(?i)\\b(from|into|update|join|table)\\s+(audit_command|audit_event|audit_content|audit_content_expiry|audit_unsealed)\\b");

  @Test
  void noFileOutsideTheStoreHasSqlOnTheAuditTables() throws IOException {
    assertThat(filesWithStatements().stream().filter(file -> !file.startsWith(STORE)).toList()).isEmpty();
  }

  @Test
  void theStoreHoldsEveryStatementOnTheAuditTables() throws IOException {
    assertThat(filesWithStatements()).containsExactly(STORE + "CommandTraces.java", STORE + "ContentStore.java",
        STORE + "EventStore.java", STORE + "ExpiryLedger.java", STORE + "H2EventView.java", STORE + "SealedLog.java", STORE + "SqlDialect.java",
        STORE + "UnsealedQueue.java", STORE + "V10__ConvertEventRows.java", STORE + "V14_1__TraceHeadsFromLog.java");
  }

  /** The source files, relative to the source root, whose text holds a statement on the audit tables; sorted. */
  private static List<String> filesWithStatements() throws IOException {
    try (Stream<Path> files = Files.walk(SOURCES)) {
      return files.filter(file -> file.toString().endsWith(".java")).filter(StoreOwnershipTest::hasStatement)
          .map(file -> SOURCES.relativize(file).toString().replace('\\', '/')).sorted().toList();
    }
  }

  private static boolean hasStatement(Path file) {
    try {
      String joined = Files.readString(file, StandardCharsets.UTF_8).replaceAll("\"\\s*\\+\\s*\"", "");
      return STATEMENT.matcher(joined).find();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file, e);
    }
  }
}
