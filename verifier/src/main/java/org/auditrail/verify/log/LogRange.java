package org.auditrail.verify.log;

import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** The entries of a log from one index (inclusive) to another (exclusive), and nothing else of it. */
final class LogRange implements LogSource {

  private final LogSource log;
  private final long fromIndex;
  private final long toIndex;

  LogRange(LogSource log, long fromIndex, long toIndex) {
    this.log = log;
    this.fromIndex = fromIndex;
    this.toIndex = toIndex;
  }

  @Override
  public void forEachEntry(Consumer<StoredLog.Entry> action) {
    log.forEachEntry(entry -> {
      if (entry.logIndex() >= fromIndex && entry.logIndex() < toIndex) {
        action.accept(entry);
      }
    });
  }

  @Override
  public List<String> unsealedOrphans() {
    return List.of();
  }

  @Override
  public List<StoredLog.StoredCheckpoint> checkpoints() {
    return List.of();
  }

  @Override
  public Map<String, String> anchoredNotes() {
    return Map.of();
  }

  @Override
  public void forEachBlob(BiConsumer<String, byte[]> action) {}

  @Override
  public List<ExpiredPayload> expiredPayloads() {
    return List.of();
  }
}
