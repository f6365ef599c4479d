package org.auditrail.seal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.auditrail.store.AuditStorageException;
import org.auditrail.store.Transactions;
import org.auditrail.verify.NoteVerifier;
import org.auditrail.verify.jdbc.JdbcLogSource;
import org.auditrail.verify.log.LogVerifier;
import org.auditrail.verify.log.VerificationReport;

/** Runs the offline verifier's checks inside the application, over its own database and anchor folder. */
public final class LogVerification {

  private final Transactions transactions;
  private final Path anchorDirectory;
  private final List<NoteVerifier> trustedKeys;

  public LogVerification(Transactions transactions, Path anchorDirectory, List<NoteVerifier> trustedKeys) {
    this.transactions = transactions;
    this.anchorDirectory = anchorDirectory;
    this.trustedKeys = List.copyOf(trustedKeys);
  }

  /** The keys whose checkpoints are trusted: the current signing key's and those of earlier keys. */
  public List<NoteVerifier> trustedKeys() {
    return trustedKeys;
  }

  public VerificationReport run() {
    Path anchors = anchorDirectory != null && Files.isDirectory(anchorDirectory) ? anchorDirectory : null;
    try {
      return transactions.onConnection(connection -> {
        try {
          return JdbcLogSource.verify(connection, anchors, new LogVerifier(trustedKeys));
        } catch (IOException e) {
          throw new SQLException(e.getMessage(), e);
        }
      });
    } catch (SQLException e) {
      throw new AuditStorageException("AUDIT-034 the log could not be read for verification: " + e.getMessage(), e);
    }
  }
}
