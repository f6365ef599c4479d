package org.auditrail.verify.log;

import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Where the verifier reads a log from. Entries and blobs are handed over one at a time, so that a source backed by
 * a database can stream a log of any size through bounded memory; the rest is small and returned whole.
 */
public interface LogSource {

  /**
   * Hands every log entry to the action, in index order. The verifier calls it a second time only when a leaf
   * does not match its stored hash, to tell an event moved within the log from one edited.
   */
  void forEachEntry(Consumer<StoredLog.Entry> action);

  /**
   * Events stored (as rows, or as lines of command rows) that are neither sealed nor queued for sealing. The
   * verifier asks after {@link #forEachEntry}; a source may find some of them while its entries stream past.
   */
  List<String> unsealedOrphans();

  /** The checkpoints the database holds. */
  List<StoredLog.StoredCheckpoint> checkpoints();

  /** Signed checkpoint notes kept outside the database, by file name. */
  Map<String, String> anchoredNotes();

  /** Hands every content-store blob to the action: its key (hex SHA-256) and its bytes. */
  void forEachBlob(BiConsumer<String, byte[]> action);

  /** Content removed under a retention policy, as the store recorded it. */
  List<ExpiredPayload> expiredPayloads();
}
