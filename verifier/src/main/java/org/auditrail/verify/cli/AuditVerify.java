package org.auditrail.verify.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.auditrail.verify.CheckpointParseException;
import org.auditrail.verify.NoteVerifier;
import org.auditrail.verify.jdbc.JdbcLogSource;
import org.auditrail.verify.log.LogVerifier;
import org.auditrail.verify.log.VerificationReport;

/**
 * {@code java -jar audit-verify.jar --jdbc URL [--user NAME] [--anchors DIR] --public-key FILE}: verifies a whole
 * log offline. The database password, if any, comes from the environment variable AUDIT_VERIFY_PASSWORD so that it
 * never shows in a process list. Exit status: 0 verified, 1 tampering found, 2 usage or access error.
 */
public final class AuditVerify {

  static final int VERIFIED = 0;
  static final int TAMPERED = 1;
  static final int USAGE = 2;

  private static final String USAGE_TEXT = "usage: java -jar audit-verify.jar --jdbc URL [--user NAME]"
      + " [--anchors DIR] --public-key FILE\n"
      + "  --public-key FILE  verifier keys of the log, one C2SP vkey per line (GET /api/audit/public-keys)\n"
      + "  the database password is read from the environment variable AUDIT_VERIFY_PASSWORD";

  private AuditVerify() {}

  public static void main(String[] args) {
    System.exit(run(args, System.getenv("AUDIT_VERIFY_PASSWORD"), System.out, System.err));
  }

  public static int run(String[] args, String password, PrintStream out, PrintStream err) {
    Map<String, String> options;
    try {
      options = options(args);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      err.println(USAGE_TEXT);
      return USAGE;
    }
    try {
      List<NoteVerifier> keys = publicKeys(Path.of(options.get("--public-key")));
      Path anchors = options.containsKey("--anchors") ? Path.of(options.get("--anchors")) : null;
      VerificationReport report;
      try (Connection connection = DriverManager.getConnection(options.get("--jdbc"),
          options.get("--user"), password)) {
        report = new LogVerifier(keys).verify(JdbcLogSource.read(connection, anchors));
      }
      out.println(report.summary());
      report.findings().forEach(finding -> out.println("  " + finding));
      return report.verified() ? VERIFIED : TAMPERED;
    } catch (IOException | SQLException | CheckpointParseException e) {
      err.println("cannot verify: " + e.getMessage());
      return USAGE;
    }
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (!List.of("--jdbc", "--user", "--anchors", "--public-key").contains(name)) {
        throw new IllegalArgumentException("unknown option: " + name);
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("option " + name + " needs a value");
      }
      options.put(name, args[++i]);
    }
    for (String required : List.of("--jdbc", "--public-key")) {
      if (!options.containsKey(required)) {
        throw new IllegalArgumentException("missing option: " + required);
      }
    }
    return options;
  }

  static List<NoteVerifier> publicKeys(Path file) throws IOException, CheckpointParseException {
    List<NoteVerifier> keys = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        keys.add(NoteVerifier.parseVkey(line.trim()));
      }
    }
    if (keys.isEmpty()) {
      throw new IOException("the public key file " + file + " holds no key");
    }
    return keys;
  }
}
