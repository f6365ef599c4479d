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
 * 0, 2 and 5. Event 1 references a BPMN and event 4 a large value in the content store. Tests change
 * {@link #entries} before writing the ZIP.
 */
public final class TestBundle {

  public static final String CASE = "case-1";
  public static final String OTHER_CASE = "case-2";
  public static final List<Long> CASE_INDEXES = List.of(1L, 3L, 4L);
  public static final byte[] BPMN = "<definitions id=\"kyc\"/>".getBytes(StandardCharsets.UTF_8);
  public static final byte[] LARGE_VALUE = "{\"document\":\"scan\"}".getBytes(StandardCharsets.UTF_8);

  /** The log's key, which signs the checkpoint. */
  public final NoteSigner logKey = NoteSigner.generate("auditrail", new SecureRandom());
  /** Every event of the log, by log index. */
  public final List<byte[]> log = new ArrayList<>();
  /** The bundle's entries, by name, in the order the exporter writes them. */
  public final Map<String, byte[]> entries = new LinkedHashMap<>();
  public final Checkpoint checkpoint;
  private final MerkleTree tree;

  public TestBundle() {
    for (long logIndex = 0; logIndex < 6; logIndex++) {
      log.add(event(logIndex).getBytes(StandardCharsets.UTF_8));
    }
    tree = new MerkleTree(log.stream().map(Rfc6962::leafHash).toList());
    checkpoint = new Checkpoint("auditrail.example/log", 6, tree.root(6));
    entries.put(BundleLayout.MANIFEST, new BundleManifest(CASE, CASE, 6, checkpoint.rootHash(),
        CASE_INDEXES.size(), "2026-01-12T09:30:00.000Z").toJson());
    entries.put(BundleLayout.CHECKPOINT, logKey.sign(checkpoint.body()).text().getBytes(StandardCharsets.UTF_8));
    entries.put(BundleLayout.PUBLIC_KEYS, (logKey.verifier().vkey() + "\n").getBytes(StandardCharsets.UTF_8));
    for (long logIndex : CASE_INDEXES) {
      addEvent(logIndex);
    }
    entries.put(BundleLayout.blob(sha256(BPMN)), BPMN);
    entries.put(BundleLayout.blob(sha256(LARGE_VALUE)), LARGE_VALUE);
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
        new EventProof(eventId(logIndex), tree.inclusionProof(logIndex, 6)).toJson());
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
        + ",\"trace_id\":\"" + traceId + "\"}";
  }
}
