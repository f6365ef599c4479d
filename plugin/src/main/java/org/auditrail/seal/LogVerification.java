package org.auditrail.seal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.auditrail.AuditLogger;
import org.auditrail.store.AuditStorageException;
import org.auditrail.store.Transactions;
import org.auditrail.verify.NoteVerifier;
import org.auditrail.verify.jdbc.JdbcLogSource;
import org.auditrail.verify.log.LogVerifier;
import org.auditrail.verify.log.VerificationBounds;
import org.auditrail.verify.log.VerificationReport;

/** Runs the offline verifier's checks inside the application, over its own database and anchor folder. */
public final class LogVerification {

  private final Transactions transactions;
  private final Path anchorDirectory;
  private final List<NoteVerifier> trustedKeys;
  private final String origin;
  private final VerificationBounds bounds;
  /** The verification under way, which callers that come meanwhile share; guarded by this. */
  private CompletableFuture<VerificationReport> running;

  public LogVerification(Transactions transactions, Path anchorDirectory, List<NoteVerifier> trustedKeys) {
    this(transactions, anchorDirectory, trustedKeys, null, VerificationBounds.OFF);
  }

  /**
   * @param origin the log's name, which every checkpoint must carry, or {@code null} to accept any
   * @param bounds how late an event may be sealed and how long it may stay unsigned before it is a finding
   */
  public LogVerification(Transactions transactions, Path anchorDirectory, List<NoteVerifier> trustedKeys,
      String origin, VerificationBounds bounds) {
    this.transactions = transactions;
    this.anchorDirectory = anchorDirectory;
    this.trustedKeys = List.copyOf(trustedKeys);
    this.origin = origin;
    this.bounds = bounds;
  }

  /** The keys whose checkpoints are trusted: the current signing key's and those of earlier keys. */
  public List<NoteVerifier> trustedKeys() {
    return trustedKeys;
  }

  /**
   * Verifies the whole log, streaming it in bounded memory. One verification runs at a time: a caller that comes
   * while one runs waits for it and gets its report, so that requests cannot pile up full passes over the log.
   */
  public VerificationReport run() {
    CompletableFuture<VerificationReport> report;
    boolean mine = false;
    synchronized (this) {
      if (running == null) {
        running = new CompletableFuture<>();
        mine = true;
      }
      report = running;
    }
    if (mine) {
      try {
        report.complete(verifyNow());
      } catch (RuntimeException | Error e) {
        report.completeExceptionally(e);
      } finally {
        synchronized (this) {
          running = null;
        }
      }
    }
    try {
      return report.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  /**
   * Whether the anchor folder is configured but missing: the anchored checkpoints cannot then be compared, which a
   * report of the verification must say rather than pass over.
   */
  public boolean anchorsMissing() {
    return anchorDirectory != null && !Files.isDirectory(anchorDirectory);
  }

  /** Whether an anchor folder is configured at all. */
  public boolean anchorsConfigured() {
    return anchorDirectory != null;
  }

  private VerificationReport verifyNow() {
    Path anchors = anchorsMissing() ? null : anchorDirectory;
    if (anchorsMissing()) {
      AuditLogger.anchorFolderMissing(anchorDirectory.toString());
    }
    try {
      return transactions.onConnection(connection -> {
        try {
          return JdbcLogSource.verify(connection, anchors, new LogVerifier(trustedKeys, origin, bounds));
        } catch (IOException e) {
          throw new SQLException(e.getMessage(), e);
        }
      });
    } catch (SQLException e) {
      throw new AuditStorageException("AUDIT-034 the log could not be read for verification: " + e.getMessage(), e);
    }
  }
}
