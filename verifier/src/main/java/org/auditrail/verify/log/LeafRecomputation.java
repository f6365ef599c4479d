package org.auditrail.verify.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.auditrail.verify.Rfc6962;

/**
 * Recomputes the leaves of a log from its entries as they stream past, in index order: checks the index sequence
 * and the previous-leaf links, hashes each stored event and checks its query columns (per event, or per command
 * row), appends each leaf to the roots and checks each case's trace summaries ({@link TraceSummaryCheck}).
 * Holds at most two batches of entries at a time, whatever the size of the log: one being hashed while the next
 * is read, so that reading and hashing overlap.
 */
final class LeafRecomputation implements Consumer<StoredLog.Entry> {

  /** Entries hashed together on every core; large enough to keep the cores busy, small enough to bound memory. */
  static final int BATCH_SIZE = 2_000;

  private static final HexFormat HEX = HexFormat.of();

  private final LogRoots roots;
  private final List<Finding> findings;
  private final ContentReferences references;
  private final EventTimeCheck times;
  /**
   * Fed in log order by the one thread that appends to the roots; {@code null} for a range of the log, whose
   * cases' earlier events are not read.
   */
  private final TraceSummaryCheck traces;
  /** What the hashing of batches found; merged into the findings at the end, the reading thread adds its own. */
  private final List<Finding> hashingFindings = Collections.synchronizedList(new ArrayList<>());
  /** Entries whose event no longer hashes to their stored leaf, told apart as moved or edited at the end. */
  private final List<Mismatch> mismatches = new ArrayList<>();
  private List<StoredLog.Entry> batch = new ArrayList<>(BATCH_SIZE);
  private CompletableFuture<Void> hashing = CompletableFuture.completedFuture(null);
  private long expectedIndex;
  private byte[] previousStored;
  /** Whether the next entry is the first of a range that starts inside the log, its link to the one before unread. */
  private boolean firstOfRange;

  LeafRecomputation(LogRoots roots, List<Finding> findings, ContentReferences references, EventTimeCheck times) {
    this(roots, findings, references, times, 0);
  }

  /**
   * Recomputes the entries from {@code firstIndex} on. A range that starts inside the log takes its first entry's
   * previous-leaf link as stored (the entry before the range is not read; the leaves themselves are proven by the
   * range's consistency proof) and leaves that link and the trace summaries to a verification of the whole log.
   */
  LeafRecomputation(LogRoots roots, List<Finding> findings, ContentReferences references, EventTimeCheck times,
      long firstIndex) {
    this.roots = roots;
    this.findings = findings;
    this.references = references;
    this.times = times;
    this.expectedIndex = firstIndex;
    this.firstOfRange = firstIndex > 0;
    this.traces = firstIndex > 0 ? null : new TraceSummaryCheck();
  }

  private record Mismatch(StoredLog.Entry entry, byte[] leaf) {}

  @Override
  public void accept(StoredLog.Entry entry) {
    if (firstOfRange && entry.logIndex() == expectedIndex) {
      previousStored = entry.previousLeafHash();
    }
    firstOfRange = false;
    if (entry.logIndex() != expectedIndex) {
      findings.add(new Finding(Problem.DELETED, null, expectedIndex, "log entries " + expectedIndex + " to "
          + (entry.logIndex() - 1) + " are missing; the log continues at index " + entry.logIndex()));
      expectedIndex = entry.logIndex();
    } else if (!Arrays.equals(entry.previousLeafHash(), previousStored)) {
      findings.add(new Finding(Problem.CHAIN_BROKEN, entry.eventId(), entry.logIndex(),
          "previous-leaf hash " + hex(entry.previousLeafHash()) + " does not match the leaf before it, "
              + hex(previousStored)));
    }
    previousStored = entry.leafHash();
    expectedIndex++;
    batch.add(entry);
    if (batch.size() == BATCH_SIZE) {
      flush();
    }
  }

  /**
   * Hashes what is left of the last batch and tells each mismatched leaf's move from an edit, reading the stored
   * leaf hashes once more from the source only if some leaf did not match.
   */
  void finish(LogSource source) {
    flush();
    awaitHashing();
    findings.addAll(hashingFindings);
    if (mismatches.isEmpty()) {
      return;
    }
    Map<ByteBuffer, Long> sealedAt = new HashMap<>();
    mismatches.forEach(mismatch -> sealedAt.put(ByteBuffer.wrap(mismatch.leaf()), null));
    source.forEachEntry(entry -> {
      ByteBuffer stored = ByteBuffer.wrap(entry.leafHash());
      if (sealedAt.containsKey(stored)) {
        sealedAt.put(stored, entry.logIndex());
      }
    });
    for (Mismatch mismatch : mismatches) {
      StoredLog.Entry entry = mismatch.entry();
      Long index = sealedAt.get(ByteBuffer.wrap(mismatch.leaf()));
      if (index != null) {
        findings.add(new Finding(Problem.REORDERED, entry.eventId(), entry.logIndex(),
            "the event's bytes are the ones the log sealed at index " + index));
      } else {
        findings.add(new Finding(Problem.MODIFIED, entry.eventId(), entry.logIndex(),
            "the stored event hashes to leaf " + hex(mismatch.leaf()) + ", but the log sealed "
                + hex(entry.leafHash())));
      }
    }
  }

  /** Hands the batch to be hashed once the batch before it is done, so that leaves reach the roots in order. */
  private void flush() {
    awaitHashing();
    List<StoredLog.Entry> entries = batch;
    batch = new ArrayList<>(BATCH_SIZE);
    hashing = CompletableFuture.runAsync(() -> hash(entries));
  }

  private void awaitHashing() {
    try {
      hashing.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  private void hash(List<StoredLog.Entry> entries) {
    // Hashing and parsing every event is most of the work and each entry stands alone: use every core.
    List<Mismatch> mismatched = Collections.synchronizedList(new ArrayList<>());
    byte[][] leaves = new byte[entries.size()][];
    EventFields[] events = new EventFields[entries.size()];
    IntStream.range(0, entries.size()).parallel()
        .forEach(i -> leaves[i] = leafOf(entries.get(i), events, i, hashingFindings, mismatched, references, times));
    for (int i = 0; i < leaves.length; i++) {
      roots.append(leaves[i]);
      if (traces != null) {
        traces.accept(entries.get(i), leaves[i], events[i], hashingFindings);
      }
    }
    mismatched.sort((a, b) -> Long.compare(a.entry().logIndex(), b.entry().logIndex()));
    mismatches.addAll(mismatched);
  }

  /** The entry's recomputed leaf; its fields, when they can be read, go to {@code events[at]}. */
  private static byte[] leafOf(StoredLog.Entry entry, EventFields[] events, int at, List<Finding> findings,
      List<Mismatch> mismatches, ContentReferences references, EventTimeCheck times) {
    verifyCommand(entry, findings);
    if (entry.payload() == null) {
      findings.add(new Finding(Problem.DELETED, entry.eventId(), entry.logIndex(),
          "the sealed event is missing from the stored events"));
      return entry.leafHash();
    }
    byte[] leaf = Rfc6962.leafHash(entry.payload().getBytes(StandardCharsets.UTF_8));
    if (!Arrays.equals(leaf, entry.leafHash())) {
      // Only the identity and hashes are kept: the payload is not needed to report the mismatch.
      mismatches.add(new Mismatch(new StoredLog.Entry(entry.logIndex(), entry.eventId(), entry.leafHash(), null,
          null, Map.of()), leaf));
      return leaf;
    }
    references.record(entry.eventId(), entry.logIndex(), entry.payload());
    // A command row's lines were read with the row, an event row's is read now.
    EventFields event = entry.command() == null ? verifyColumns(entry, findings) : lineOf(entry);
    events[at] = event;
    if (times.enabled()) {
      times.check(entry, event == null ? null : event.timestamp(), findings);
    }
    return leaf;
  }

  /** The entry's line of its command row, already read with the row; {@code null} when it is not an event's. */
  private static EventFields lineOf(StoredLog.Entry entry) {
    for (CommandRow.Line line : entry.command().lines()) {
      if (line.event() != null && entry.eventId().equals(line.event().eventId())) {
        return line.event();
      }
    }
    return null;
  }

  /** A command row's columns are checked once, with its first sealed entry, whichever thread hashes that one. */
  private static void verifyCommand(StoredLog.Entry entry, List<Finding> findings) {
    if (entry.command() != null && entry.command().checkedWith(entry)) {
      CommandRowCheck.verify(entry.command(), findings);
    }
  }

  /** Checks the event row's query columns; answers the event's fields, or {@code null} when it cannot be read. */
  private static EventFields verifyColumns(StoredLog.Entry entry, List<Finding> findings) {
    EventFields event;
    try {
      event = EventFields.read(entry.payload());
    } catch (IOException e) {
      findings.add(new Finding(Problem.MODIFIED, entry.eventId(), entry.logIndex(),
          "the stored event is not valid JSON: " + e.getMessage()));
      return null;
    }
    for (String column : EventColumns.NAMES) {
      String stored = entry.columns().get(column);
      String implied = EventColumns.value(event, column);
      if (!Objects.equals(stored, implied)) {
        findings.add(new Finding(Problem.COLUMN_MISMATCH, entry.eventId(), entry.logIndex(),
            "column " + column + " holds '" + stored + "' but the sealed event says '" + implied + "'"));
      }
    }
    return event;
  }

  static String hex(byte[] bytes) {
    return bytes == null ? "none" : HEX.formatHex(bytes);
  }
}
