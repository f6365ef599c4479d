package org.auditrail.verify.log;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A log held whole in memory, before anything is believed: the source for logs built in memory, and for callers
 * that want every part at hand. Verifying a database streams it instead, see {@code JdbcLogSource#verify}.
 *
 * @param entries the log entries in index order, each with its event as stored (if the event row exists)
 * @param unsealedOrphans events stored (as rows or lines of command rows) that are neither sealed nor queued for
 *     sealing
 * @param checkpoints the checkpoints the database holds
 * @param anchoredNotes signed checkpoint notes kept outside the database, by file name
 * @param blobs content-store entries: key (hex SHA-256) and bytes
 * @param expiredPayloads content removed under a retention policy, as the store recorded it
 */
public record StoredLog(List<Entry> entries, List<String> unsealedOrphans, List<StoredCheckpoint> checkpoints,
    Map<String, String> anchoredNotes, Map<String, byte[]> blobs, List<ExpiredPayload> expiredPayloads)
    implements LogSource {

  public StoredLog(List<Entry> entries, List<String> unsealedOrphans, List<StoredCheckpoint> checkpoints,
      Map<String, String> anchoredNotes, Map<String, byte[]> blobs) {
    this(entries, unsealedOrphans, checkpoints, anchoredNotes, blobs, List.of());
  }

  @Override
  public void forEachEntry(Consumer<Entry> action) {
    entries.forEach(action);
  }

  @Override
  public void forEachBlob(BiConsumer<String, byte[]> action) {
    blobs.forEach(action);
  }

  /**
   * One log entry.
   *
   * @param logIndex the index the sequencer gave it
   * @param eventId the event it seals
   * @param leafHash the leaf hash the sequencer stored
   * @param previousLeafHash the stored leaf hash of the entry before it
   * @param payload the event's stored canonical JSON, or {@code null} when the event row (or line) is gone
   * @param columns the event row's query columns by column name, in the per-event layout; empty in the
   *     per-command layout, whose columns are the command row's
   * @param command the command row that holds the event, in the per-command layout; {@code null} in the
   *     per-event layout or when the row or line is gone
   * @param sealedAt when the sequencer sealed the entry (its round, in the per-command layout), or {@code null}
   *     when not known
   */
  public record Entry(long logIndex, String eventId, byte[] leafHash, byte[] previousLeafHash, String payload,
      Map<String, String> columns, CommandRow command, Instant sealedAt) {

    /** An entry of the per-event layout, its sealing time not known. */
    public Entry(long logIndex, String eventId, byte[] leafHash, byte[] previousLeafHash, String payload,
        Map<String, String> columns) {
      this(logIndex, eventId, leafHash, previousLeafHash, payload, columns, null, null);
    }

    /** An entry, its sealing time not known. */
    public Entry(long logIndex, String eventId, byte[] leafHash, byte[] previousLeafHash, String payload,
        Map<String, String> columns, CommandRow command) {
      this(logIndex, eventId, leafHash, previousLeafHash, payload, columns, command, null);
    }
  }

  /** A checkpoint as the database holds it. */
  public record StoredCheckpoint(long treeSize, byte[] rootHash, String signedNote) {}
}
