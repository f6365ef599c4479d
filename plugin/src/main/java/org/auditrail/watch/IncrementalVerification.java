package org.auditrail.watch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.auditrail.seal.LogProofs;
import org.auditrail.store.AuditStorageException;
import org.auditrail.store.Transactions;
import org.auditrail.store.VerifiedCheckpoints;
import org.auditrail.verify.Checkpoint;
import org.auditrail.verify.NoteVerifier;
import org.auditrail.verify.ProofVerificationException;
import org.auditrail.verify.TrustedTimestampAuthorities;
import org.auditrail.verify.jdbc.JdbcLogSource;
import org.auditrail.verify.log.CheckpointTimestamps;
import org.auditrail.verify.log.Finding;
import org.auditrail.verify.log.LogVerifier;
import org.auditrail.verify.log.Problem;
import org.auditrail.verify.log.TrustedCheckpoint;
import org.auditrail.verify.log.VerificationReport;

/**
 * Verifies what the log gained since the last verified checkpoint (size m, root r) up to the newest signed one
 * (size n, root R): the newest checkpoint's signature; the entries m to n-1, each leaf recomputed from its stored
 * event (the verifier's {@link LogVerifier#verifyEntries}); the consistency proof from m to n, computed from the
 * stored leaves, against r and R; and every checkpoint anchored (file) or time-stamped (RFC 3161 token) above m.
 * Events sealed before m were verified then; that they stayed as they were is the nightly full run's to show.
 */
final class IncrementalVerification {

  private static final Pattern ANCHOR = Pattern.compile("checkpoint-(\\d{20})\\.note");

  private final Transactions transactions;
  private final LogProofs proofs;
  private final List<NoteVerifier> trustedKeys;
  private final String origin;
  private final Path anchorDirectory;
  private final TrustedTimestampAuthorities timestampTrust;

  IncrementalVerification(Transactions transactions, LogProofs proofs, List<NoteVerifier> trustedKeys, String origin,
      Path anchorDirectory, TrustedTimestampAuthorities timestampTrust) {
    this.transactions = transactions;
    this.proofs = proofs;
    this.trustedKeys = List.copyOf(trustedKeys);
    this.origin = origin;
    this.anchorDirectory = anchorDirectory;
    this.timestampTrust = timestampTrust;
  }

  VerificationRun run(Optional<VerifiedCheckpoints.Verified> from) {
    long started = System.nanoTime();
    long m = from.map(VerifiedCheckpoints.Verified::treeSize).orElse(0L);
    List<Finding> problems = new ArrayList<>();
    // Anchors are listed before the newest checkpoint is read: a checkpoint is anchored only once it is committed,
    // so every anchor listed is of a checkpoint the database held by then.
    TreeMap<Long, Path> anchors = anchorsAbove(m);
    Optional<LogProofs.StoredCheckpoint> newest = proofs.latestCheckpoint();
    if (newest.isEmpty()) {
      if (m > 0) {
        problems.add(new Finding(Problem.DELETED, null, null, "the database holds no checkpoint, but the checkpoint"
            + " of size " + m + " was verified"));
      }
      return new VerificationRun(VerificationKind.INCREMENTAL, m, m, m, m, 0, 0, problems, since(started));
    }
    LogProofs.StoredCheckpoint stored = newest.get();
    String what = "checkpoint of size " + stored.treeSize();
    Checkpoint signed = trusted(stored.signedNote(), what, problems);
    if (signed == null) {
      return new VerificationRun(VerificationKind.INCREMENTAL, m, m, m, stored.treeSize(), 0, 0, problems,
          since(started));
    }
    long n = signed.size();
    if (n != stored.treeSize() || !Arrays.equals(signed.rootHash(), stored.rootHash())) {
      problems.add(new Finding(Problem.CHECKPOINT_FORGED, null, null, "the stored columns of " + what
          + " disagree with its signed note (size " + n + ")"));
    }
    if (n < m) {
      problems.add(new Finding(Problem.TRUNCATED, null, n, "the newest checkpoint covers " + n + " events, but the"
          + " checkpoint of size " + m + " was verified: the newest " + (m - n) + " events were removed"));
      return new VerificationRun(VerificationKind.INCREMENTAL, m, m, m, n, 0, 0, problems, since(started));
    }
    VerificationReport entries = entries(m, n);
    problems.addAll(entries.findings());
    consistency(from, n, signed.rootHash(), problems);
    long anchorsChecked = anchors(anchors, n, problems) + timestamps(m, n, problems);
    return new VerificationRun(VerificationKind.INCREMENTAL, m, n, m, n, entries.eventsChecked(), anchorsChecked,
        problems, since(started));
  }

  private Checkpoint trusted(String note, String what, List<Finding> problems) {
    return TrustedCheckpoint.read(note, trustedKeys, origin, what, problems);
  }

  private VerificationReport entries(long m, long n) {
    try {
      return transactions.onConnection(connection ->
          JdbcLogSource.verifyEntries(connection, m, n, new LogVerifier(trustedKeys, origin)));
    } catch (SQLException e) {
      throw new AuditStorageException("AUDIT-191 the log entries " + m + " to " + n + " could not be read: "
          + e.getMessage(), e);
    }
  }

  /** The stored leaves must prove the newest signed root an append-only extension of the verified one. */
  private void consistency(Optional<VerifiedCheckpoints.Verified> from, long n, byte[] signedRoot,
      List<Finding> problems) {
    long m = from.map(VerifiedCheckpoints.Verified::treeSize).orElse(0L);
    try {
      if (m == 0) {
        requireRoot(proofs.rootAt(n), signedRoot, n, problems);
      } else if (m == n) {
        requireRoot(from.get().rootHash(), signedRoot, n, problems);
      } else {
        proofs.consistencyProof(m, n).verify(from.get().rootHash(), signedRoot);
      }
    } catch (ProofVerificationException e) {
      problems.add(new Finding(Problem.MODIFIED, null, m, "the stored leaves do not prove the checkpoint of size "
          + n + " consistent with the verified checkpoint of size " + m + ": " + e.getMessage()));
    } catch (IllegalArgumentException e) {
      // The stored leaves end before n: the entries check names the missing ones.
      problems.add(new Finding(Problem.DELETED, null, m, "the consistency proof from size " + m + " to " + n
          + " cannot be computed: " + e.getMessage()));
    }
  }

  private static void requireRoot(byte[] root, byte[] signedRoot, long n, List<Finding> problems) {
    if (!Arrays.equals(root, signedRoot)) {
      problems.add(new Finding(Problem.MODIFIED, null, null, "the log's root at size " + n + " is "
          + HexFormat.of().formatHex(root) + ", but the checkpoint signed " + HexFormat.of().formatHex(signedRoot)));
    }
  }

  /** The anchored checkpoint files above the verified size, by size (read from the file name). */
  private TreeMap<Long, Path> anchorsAbove(long m) {
    TreeMap<Long, Path> anchors = new TreeMap<>();
    if (anchorDirectory == null || !Files.isDirectory(anchorDirectory)) {
      return anchors;
    }
    try (Stream<Path> files = Files.list(anchorDirectory)) {
      files.forEach(file -> {
        Matcher name = ANCHOR.matcher(file.getFileName().toString());
        if (name.matches() && Long.parseLong(name.group(1)) > m) {
          anchors.put(Long.parseLong(name.group(1)), file);
        }
      });
    } catch (IOException e) {
      throw new AuditStorageException("AUDIT-191 the anchor folder " + anchorDirectory + " could not be read: "
          + e.getMessage(), e);
    }
    return anchors;
  }

  /** Each anchored copy must be signed and agree with the database's checkpoint of its size. */
  private long anchors(TreeMap<Long, Path> anchors, long n, List<Finding> problems) {
    for (Path file : anchors.values()) {
      String what = "anchored checkpoint " + file.getFileName();
      Checkpoint anchored;
      try {
        anchored = trusted(Files.readString(file, StandardCharsets.UTF_8), what, problems);
      } catch (IOException e) {
        throw new AuditStorageException("AUDIT-191 " + what + " could not be read: " + e.getMessage(), e);
      }
      if (anchored == null) {
        continue;
      }
      if (anchored.size() > n) {
        problems.add(new Finding(Problem.TRUNCATED, null, n, what + " covers " + anchored.size() + " events, but"
            + " the newest checkpoint in the database covers " + n + ": its newest events were removed"));
        continue;
      }
      Optional<LogProofs.StoredCheckpoint> stored = proofs.checkpointAt(anchored.size());
      if (stored.isEmpty()) {
        problems.add(new Finding(Problem.DELETED, null, null, "the checkpoint of size " + anchored.size()
            + " kept in " + file.getFileName() + " is missing from the database"));
      } else if (!Arrays.equals(stored.get().rootHash(), anchored.rootHash())) {
        problems.add(new Finding(Problem.CHECKPOINT_FORGED, null, null, "the checkpoint of size " + anchored.size()
            + " in the database has another root than " + what));
      }
    }
    return anchors.size();
  }

  /** With trusted TSA certificates configured, each time-stamp token of a checkpoint above m must validate. */
  private long timestamps(long m, long n, List<Finding> problems) {
    if (timestampTrust == null) {
      return 0;
    }
    List<CheckpointTimestamps.StoredTimestamp> tokens = proofs.checkpointsAbove(m, n).stream()
        .filter(checkpoint -> checkpoint.timestampToken() != null)
        .map(checkpoint -> new CheckpointTimestamps.StoredTimestamp(checkpoint.treeSize(),
            checkpoint.timestampToken(), checkpoint.signedNote()))
        .toList();
    problems.addAll(CheckpointTimestamps.verify(tokens, timestampTrust).findings());
    return tokens.size();
  }

  private static Duration since(long started) {
    return Duration.ofNanos(System.nanoTime() - started);
  }
}
