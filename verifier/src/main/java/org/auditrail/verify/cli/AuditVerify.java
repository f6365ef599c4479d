package org.auditrail.verify.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.auditrail.verify.CheckpointParseException;
import org.auditrail.verify.NoteVerifier;
import org.auditrail.verify.TrustedTimestampAuthorities;
import org.auditrail.verify.bundle.BundleFormatException;
import org.auditrail.verify.bundle.BundleLimits;
import org.auditrail.verify.bundle.BundleVerifier;
import org.auditrail.verify.bundle.CaseBundleReader;
import org.auditrail.verify.jdbc.JdbcLogSource;
import org.auditrail.verify.log.CheckpointTimestamps;
import org.auditrail.verify.log.LogVerifier;
import org.auditrail.verify.log.VerificationBounds;
import org.auditrail.verify.log.VerificationReport;

/**
 * {@code java -jar audit-verify.jar --jdbc URL [--user NAME] [--anchors DIR] [--trusted-checkpoint FILE]
 * [--origin NAME] [--max-seal-delay DURATION] [--max-unsigned-age DURATION] [--tsa-certs FILE] --public-key FILE}:
 * verifies a whole log offline; {@code java -jar audit-verify.jar --bundle FILE [--tsa-certs FILE] --public-key FILE}:
 * verifies one case's evidence bundle, with no database at all. The database password, if any, comes from the
 * environment variable AUDIT_VERIFY_PASSWORD so that it never shows in a process list. Exit status: 0 verified, 1
 * tampering found, 2 usage or access error.
 */
public final class AuditVerify {

  static final int VERIFIED = 0;
  static final int TAMPERED = 1;
  static final int USAGE = 2;

  private static final String USAGE_TEXT = "usage: java -jar audit-verify.jar --jdbc URL [--user NAME]"
      + " [--anchors DIR] [--trusted-checkpoint FILE] [--origin NAME]\n"
      + "       [--max-seal-delay DURATION] [--max-unsigned-age DURATION] [--tsa-certs FILE] --public-key FILE\n"
      + "       java -jar audit-verify.jar --bundle FILE [--origin NAME] [--tsa-certs FILE] --public-key FILE\n"
      + "       [--max-entries N] [--max-entry-bytes N] [--max-total-bytes N]\n"
      + "  --jdbc URL         verify the whole log in this database; its password is read from the environment\n"
      + "                     variable AUDIT_VERIFY_PASSWORD\n"
      + "  --anchors DIR      folder of checkpoints anchored outside the database\n"
      + "  --trusted-checkpoint FILE\n"
      + "                     a signed checkpoint kept outside the database (GET /api/audit/checkpoints/latest);\n"
      + "                     without it or --anchors a rollback to an earlier consistent state cannot be excluded\n"
      + "  --origin NAME      the log's origin line (audit.log.origin) that every checkpoint must carry\n"
      + "  --max-seal-delay DURATION\n"
      + "                     report events sealed longer than this after their time stamp (backdated), as an\n"
      + "                     ISO-8601 duration such as PT1H; off when not given\n"
      + "  --max-unsigned-age DURATION\n"
      + "                     report sealed events older than this that no verified checkpoint covers, such as\n"
      + "                     PT1H; off when not given\n"
      + "  --tsa-certs FILE   trusted RFC 3161 time-stamp authority certificates (PEM): every stored time-stamp\n"
      + "                     token (a bundle's checkpoint.tsr) is validated against its checkpoint, and the\n"
      + "                     trusted time printed\n"
      + "  --bundle FILE      verify one case's evidence bundle (GET /api/audit/traces/{id}/bundle) instead\n"
      + "  --public-key FILE  verifier keys of the log, one C2SP vkey per line (GET /api/audit/public-keys)\n"
      + "  --max-entries N, --max-entry-bytes N, --max-total-bytes N\n"
      + "                     how far a bundle may unpack (default 200000 entries, 67108864 bytes per entry,\n"
      + "                     1073741824 bytes in total); a bundle beyond them is refused";

  private static final List<String> DATABASE_OPTIONS = List.of("--jdbc", "--user", "--anchors",
      "--trusted-checkpoint", "--max-seal-delay", "--max-unsigned-age");
  private static final List<String> OPTIONS = List.of("--jdbc", "--user", "--anchors", "--trusted-checkpoint",
      "--bundle", "--public-key", "--origin", "--max-seal-delay", "--max-unsigned-age", "--tsa-certs");
  private static final List<String> LIMIT_OPTIONS = List.of("--max-entries", "--max-entry-bytes",
      "--max-total-bytes");

  /** Said when nothing outside the database vouches for how far the log reached. */
  static final String NO_OUTSIDE_CHECKPOINT = "no anchored or trusted checkpoint was given (--anchors,"
      + " --trusted-checkpoint): a rollback of the database to an earlier, consistent state cannot be excluded";

  private AuditVerify() {}

  public static void main(String[] args) {
    System.exit(run(args, System.getenv("AUDIT_VERIFY_PASSWORD"), System.out, System.err));
  }

  public static int run(String[] args, String password, PrintStream out, PrintStream err) {
    Map<String, String> options;
    VerificationBounds bounds;
    try {
      options = options(args);
      bounds = new VerificationBounds(duration(options, "--max-seal-delay"),
          duration(options, "--max-unsigned-age"), Clock.systemUTC());
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      err.println(USAGE_TEXT);
      return USAGE;
    }
    try {
      List<NoteVerifier> keys = publicKeys(Path.of(options.get("--public-key")));
      List<String> trustedTimes = new ArrayList<>();
      VerificationReport report = options.containsKey("--bundle")
          ? new BundleVerifier(keys, options.get("--origin"), timestampAuthorities(options))
              .verify(CaseBundleReader.read(Path.of(options.get("--bundle")), limits(options)))
          : verifyDatabase(options, password, keys, bounds, trustedTimes);
      out.println(report.summary());
      report.findings().forEach(finding -> out.println("  " + finding));
      report.expiredPayloads().forEach(payload -> out.println("  note: " + payload));
      trustedTimes.forEach(time -> out.println("  note: " + time));
      report.notes().forEach(note -> out.println("  " + note));
      if (!options.containsKey("--bundle") && !options.containsKey("--anchors")
          && !options.containsKey("--trusted-checkpoint")) {
        out.println("  note: " + NO_OUTSIDE_CHECKPOINT);
      }
      return report.verified() ? VERIFIED : TAMPERED;
    } catch (IOException | SQLException | CheckpointParseException | BundleFormatException e) {
      err.println("cannot verify: " + e.getMessage());
      return USAGE;
    }
  }

  private static VerificationReport verifyDatabase(Map<String, String> options, String password,
      List<NoteVerifier> keys, VerificationBounds bounds, List<String> trustedTimes)
      throws IOException, SQLException {
    TrustedTimestampAuthorities tsa = timestampAuthorities(options);
    Path anchors = options.containsKey("--anchors") ? Path.of(options.get("--anchors")) : null;
    Map<String, String> outside = new TreeMap<>(JdbcLogSource.anchoredNotes(anchors));
    if (options.containsKey("--trusted-checkpoint")) {
      Path trusted = Path.of(options.get("--trusted-checkpoint"));
      outside.put(trusted.getFileName().toString(), Files.readString(trusted, StandardCharsets.UTF_8));
    }
    try (Connection connection = DriverManager.getConnection(options.get("--jdbc"), options.get("--user"),
        password)) {
      VerificationReport report = JdbcLogSource.verifyAgainst(connection, outside,
          new LogVerifier(keys, options.get("--origin"), bounds));
      if (tsa == null) {
        return report;
      }
      CheckpointTimestamps.Result timestamps = CheckpointTimestamps.verify(
          JdbcLogSource.checkpointTimestamps(connection), tsa);
      trustedTimes.addAll(timestamps.trustedTimes());
      return report.withFindings(timestamps.findings());
    }
  }

  private static TrustedTimestampAuthorities timestampAuthorities(Map<String, String> options) throws IOException {
    return options.containsKey("--tsa-certs")
        ? TrustedTimestampAuthorities.read(Path.of(options.get("--tsa-certs"))) : null;
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (!OPTIONS.contains(name) && !LIMIT_OPTIONS.contains(name)) {
        throw new IllegalArgumentException("unknown option: " + name);
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("option " + name + " needs a value");
      }
      options.put(name, args[++i]);
    }
    if (options.containsKey("--bundle")) {
      for (String databaseOption : DATABASE_OPTIONS) {
        if (options.containsKey(databaseOption)) {
          throw new IllegalArgumentException("option " + databaseOption + " cannot be used with --bundle: a bundle"
              + " is verified without a database");
        }
      }
      limits(options);
    } else if (!options.containsKey("--jdbc")) {
      throw new IllegalArgumentException("missing option: --jdbc or --bundle");
    } else {
      for (String limitOption : LIMIT_OPTIONS) {
        if (options.containsKey(limitOption)) {
          throw new IllegalArgumentException("option " + limitOption + " can only be used with --bundle");
        }
      }
    }
    if (!options.containsKey("--public-key")) {
      throw new IllegalArgumentException("missing option: --public-key");
    }
    return options;
  }

  /** An optional bound: a positive ISO-8601 duration, or {@code null} when the option is not given. */
  private static Duration duration(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null) {
      return null;
    }
    try {
      Duration duration = Duration.parse(value);
      if (!duration.isNegative() && !duration.isZero()) {
        return duration;
      }
    } catch (DateTimeParseException e) {
      // reported below
    }
    throw new IllegalArgumentException("option " + name + " needs a positive ISO-8601 duration such as PT1H, but"
        + " was: " + value);
  }

  private static BundleLimits limits(Map<String, String> options) {
    BundleLimits defaults = BundleLimits.DEFAULT;
    return new BundleLimits(
        (int) Math.min(Integer.MAX_VALUE, positive(options, "--max-entries", defaults.maxEntries())),
        positive(options, "--max-entry-bytes", defaults.maxEntryBytes()),
        positive(options, "--max-total-bytes", defaults.maxTotalBytes()));
  }

  private static long positive(Map<String, String> options, String name, long defaultValue) {
    String value = options.get(name);
    if (value == null) {
      return defaultValue;
    }
    try {
      long number = Long.parseLong(value);
      if (number > 0) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("option " + name + " needs a positive whole number, but was: " + value);
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
