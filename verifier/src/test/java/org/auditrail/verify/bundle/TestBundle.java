package org.auditrail.verify.bundle;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.auditrail.verify.Checkpoint;
import org.auditrail.verify.MerkleTree;
import org.auditrail.verify.NoteSigner;
import org.auditrail.verify.Rfc6962;

/**
 * A bundle of case {@value #CASE} made the way the exporter makes it, over a log of six events that interleaves them
 * with another case's: case {@value #CASE} has the events at log indexes 1, 3 and 4; {@value #OTHER_CASE} those at
 * 0, 2 and 5; the trace summary of case {@value #CASE} follows at 6 (and a payload_expired event at 7, when the
 * large value expired). Event 1 references a BPMN and event 4 a large value in the content store. Tests change
 * {@link #entries} before writing the ZIP.
 */
public final class TestBundle {

  public static final String CASE = "case-1";
  public static final String OTHER_CASE = "case-2";
  public static final List<Long> CASE_INDEXES = List.of(1L, 3L, 4L);
  public static final byte[] BPMN = "<definitions id=\"kyc\"/>".getBytes(StandardCharsets.UTF_8);
  /** Where the log seals the trace summary of case {@value #CASE}, after all its events. */
  public static final long SUMMARY_INDEX = 6;
  /** Where the log seals a stale trace summary of case {@value #CASE}, which covers event 1 only. */
  public static final long STALE_SUMMARY_INDEX = 2;
  /** Where the log seals the payload_expired event of a bundle whose large value expired. */
  public static final long EXPIRY_INDEX = 7;
  public static final String SEALED_AT = "2026-01-12T09:30:06.000Z";
  public static final byte[] LARGE_VALUE = "{\"document\":\"scan\"}".getBytes(StandardCharsets.UTF_8);

  /** The log's key, which signs the checkpoint. */
  public final NoteSigner logKey = NoteSigner.generate("auditrail", new SecureRandom());
  /** Every event of the log, by log index. */
  public final List<byte[]> log = new ArrayList<>();
  /** The bundle's entries, by name, in the order the exporter writes them. */
  public final Map<String, byte[]> entries = new LinkedHashMap<>();
  public final Checkpoint checkpoint;
  private final MerkleTree tree;
  private final long summaryIndex;

  public TestBundle() {
    this(null);
  }

  public TestBundle(String expiryEvent) {
    this(expiryEvent, false);
  }

  /**
   * @param expiryEvent {@code null}, or the {@code payload_expired} event (see {@link #expiryEvent}) that removed the
   *     large value under a retention policy: the log then holds it as a seventh event, at index
   *     {@value #EXPIRY_INDEX}, and the bundle carries it with its proof instead of the blob
   * @param staleSummary whether the log holds, instead of case {@value #OTHER_CASE}'s event 2, a trace summary of
   *     case {@value #CASE} that covers event 1 only, and the bundle carries that one instead of the latest
   */
  public TestBundle(String expiryEvent, boolean staleSummary) {
    boolean largeValueExpired = expiryEvent != null;
    int size = largeValueExpired ? 8 : 7;
    summaryIndex = staleSummary ? STALE_SUMMARY_INDEX : SUMMARY_INDEX;
    for (long logIndex = 0; logIndex < 6; logIndex++) {
      log.add(staleSummary && logIndex == STALE_SUMMARY_INDEX ? summary(logIndex, List.of(1L))
          : event(logIndex).getBytes(StandardCharsets.UTF_8));
    }
    log.add(summary(SUMMARY_INDEX, CASE_INDEXES));
    if (largeValueExpired) {
      log.add(expiryEvent.getBytes(StandardCharsets.UTF_8));
    }
    tree = new MerkleTree(log.stream().map(Rfc6962::leafHash).toList());
    checkpoint = new Checkpoint("auditrail.example/log", size, tree.root(size));
    entries.put(BundleLayout.MANIFEST, new BundleManifest(CASE, CASE, size, checkpoint.rootHash(),
        CASE_INDEXES.size(), "2026-01-12T09:30:00.000Z").toJson());
    entries.put(BundleLayout.CHECKPOINT, logKey.sign(checkpoint.body()).text().getBytes(StandardCharsets.UTF_8));
    entries.put(BundleLayout.PUBLIC_KEYS, (logKey.verifier().vkey() + "\n").getBytes(StandardCharsets.UTF_8));
    for (long logIndex : CASE_INDEXES) {
      addEvent(logIndex);
    }
    entries.put(BundleLayout.TRACE_SUMMARY, log.get((int) summaryIndex));
    entries.put(BundleLayout.TRACE_SUMMARY_PROOF,
        new EventProof(eventId(summaryIndex), tree.inclusionProof(summaryIndex, size)).toJson());
    TraceTree trace = TraceTree.of(caseEvents(CASE_INDEXES));
    long traceSize = staleSummary ? 1 : CASE_INDEXES.size();
    for (long logIndex : CASE_INDEXES.subList(0, (int) traceSize)) {
      entries.put(BundleLayout.traceProof(logIndex),
          new EventProof(eventId(logIndex), trace.proof(logIndex, traceSize)).toJson());
    }
    entries.put(BundleLayout.blob(sha256(BPMN)), BPMN);
    if (largeValueExpired) {
      entries.put(BundleLayout.expired(sha256(LARGE_VALUE)), "activity_started 30 days\t2026-02-20T00:00:00Z"
          .getBytes(StandardCharsets.UTF_8));
      entries.put(BundleLayout.expiryEvent(EXPIRY_INDEX), log.get((int) EXPIRY_INDEX));
      entries.put(BundleLayout.expiryProof(EXPIRY_INDEX),
          new EventProof(eventId(EXPIRY_INDEX), tree.inclusionProof(EXPIRY_INDEX, size)).toJson());
    } else {
      entries.put(BundleLayout.blob(sha256(LARGE_VALUE)), LARGE_VALUE);
    }
  }

  /** The {@code payload_expired} event that removed the large value, stating a retention for activity_started. */
  public static String expiryEvent(String at, String activityRetention) {
    return "{\"event_id\":\"" + eventId(EXPIRY_INDEX) + "\",\"event_type\":\"payload_expired\",\"output\":"
        + "{\"blobs\":[{\"policy\":\"activity_started 30 days\",\"sha256\":\"" + sha256(LARGE_VALUE) + "\"}],"
        + "\"count\":1,\"retention\":{\"activity_started\":\"" + activityRetention + "\"}},\"timestamp\":\"" + at
        + "\",\"trace_id\":\"retention-2026-02-20\"}";
  }

  /** The trace_sealed event the sequencer seals at a log index for the case's events at the given indexes. */
  private byte[] summary(long logIndex, List<Long> covered) {
    TraceTree trace = TraceTree.of(caseEvents(covered));
    long last = covered.get(covered.size() - 1);
    return ("{\"actor\":{\"id\":\"audit-log-sequencer\",\"run_id\":null,\"type\":\"system\"},\"context\":{},"
        + "\"error\":null,\"event_id\":\"" + eventId(logIndex) + "\",\"event_type\":\"trace_sealed\",\"input\":null,"
        + "\"metadata\":null,\"outcome\":\"success\",\"output\":{\"last_event_id\":\"" + eventId(last)
        + "\",\"last_log_index\":" + last + ",\"trace_event_count\":" + trace.size() + ",\"trace_root\":\""
        + HexFormat.of().formatHex(trace.root()) + "\"},\"parent_event_id\":null,\"snapshot\":null,\"timestamp\":\""
        + "2026-01-12T09:30:0" + logIndex + ".000Z\",\"trace_id\":\"" + CASE + "\"}").getBytes(StandardCharsets.UTF_8);
  }

  private java.util.SortedMap<Long, byte[]> caseEvents(List<Long> indexes) {
    java.util.SortedMap<Long, byte[]> events = new java.util.TreeMap<>();
    indexes.forEach(logIndex -> events.put(logIndex, event(logIndex).getBytes(StandardCharsets.UTF_8)));
    return events;
  }

  public static String eventId(long logIndex) {
    return "01890000-0000-7000-8000-00000000000" + logIndex;
  }

  public static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Puts the log's event at a log index into the bundle, with its valid proof, as the exporter does. */
  public void addEvent(long logIndex) {
    entries.put(BundleLayout.event(logIndex), log.get((int) logIndex));
    entries.put(BundleLayout.proof(logIndex),
        new EventProof(eventId(logIndex), tree.inclusionProof(logIndex, log.size())).toJson());
  }

  public Path write(Path directory) throws IOException {
    Path zip = directory.resolve("case-" + CASE + ".zip");
    try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
      for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
        out.putNextEntry(new ZipEntry(entry.getKey()));
        out.write(entry.getValue());
        out.closeEntry();
      }
    }
    return zip;
  }

  private static String event(long logIndex) {
    String traceId = CASE_INDEXES.contains(logIndex) ? CASE : OTHER_CASE;
    String references = switch ((int) logIndex) {
      case 1 -> ",\"snapshot\":{\"bpmn_resource\":\"kyc.bpmn\",\"bpmn_sha256\":\"" + sha256(BPMN) + "\"}";
      case 4 -> ",\"output\":{\"name\":\"scan\",\"value\":{\"content_sha256\":\"" + sha256(LARGE_VALUE)
          + "\",\"media_type\":\"application/json\",\"size\":" + LARGE_VALUE.length + "}}";
      default -> "";
    };
    return "{\"event_id\":\"" + eventId(logIndex) + "\",\"event_type\":\"activity_started\"" + references
        + ",\"timestamp\":\"2026-01-12T09:30:0" + logIndex + ".000Z\",\"trace_id\":\"" + traceId + "\"}";
  }
}
