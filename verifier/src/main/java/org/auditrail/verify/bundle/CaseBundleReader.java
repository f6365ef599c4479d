package org.auditrail.verify.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.auditrail.verify.log.ExpiredPayload;

/** Reads a case bundle ZIP into values; believes nothing in it, which is {@link BundleVerifier}'s job. */
public final class CaseBundleReader {

  private CaseBundleReader() {}

  public static CaseBundle read(Path zip) throws IOException, BundleFormatException {
    return read(zip, BundleLimits.DEFAULT);
  }

  /** Reads a bundle, refusing one that unpacks to more than the limits allow before it is held in memory. */
  public static CaseBundle read(Path zip, BundleLimits limits) throws IOException, BundleFormatException {
    Map<String, byte[]> entries = new HashMap<>();
    try (ZipFile file = new ZipFile(zip.toFile(), StandardCharsets.UTF_8)) {
      if (file.size() > limits.maxEntries()) {
        throw new BundleFormatException(zip + " holds " + file.size() + " entries, more than the limit of "
            + limits.maxEntries() + " (--max-entries)");
      }
      long total = 0;
      for (ZipEntry entry : Collections.list(file.entries())) {
        if (entry.isDirectory()) {
          continue;
        }
        // Two entries of one name would let different tools see different contents.
        if (entries.containsKey(entry.getName())) {
          throw new BundleFormatException(zip + " holds " + entry.getName() + " twice");
        }
        byte[] content = inflate(zip, file, entry, limits);
        total += content.length;
        if (total > limits.maxTotalBytes()) {
          throw new BundleFormatException(zip + " unpacks to more than the limit of " + limits.maxTotalBytes()
              + " bytes in total (--max-total-bytes), reached at entry " + entry.getName());
        }
        entries.put(entry.getName(), content);
      }
    } catch (ZipException e) {
      throw new BundleFormatException(zip + " is not a readable ZIP file: " + e.getMessage(), e);
    }
    return bundleOf(zip, entries);
  }

  /** The entry's bytes, counted as they inflate: the sizes in the ZIP's headers are the writer's word, no more. */
  private static byte[] inflate(Path zip, ZipFile file, ZipEntry entry, BundleLimits limits)
      throws IOException, BundleFormatException {
    try (InputStream content = file.getInputStream(entry)) {
      byte[] bytes = content.readNBytes((int) Math.min(limits.maxEntryBytes() + 1, Integer.MAX_VALUE - 8));
      if (bytes.length > limits.maxEntryBytes()) {
        throw new BundleFormatException(zip + ": entry " + entry.getName() + " unpacks to more than the limit of "
            + limits.maxEntryBytes() + " bytes (--max-entry-bytes)");
      }
      return bytes;
    }
  }

  private static CaseBundle bundleOf(Path zip, Map<String, byte[]> entries) throws BundleFormatException {
    BundleManifest manifest = BundleManifest.parse(required(zip, entries, BundleLayout.MANIFEST));
    String checkpointNote = new String(required(zip, entries, BundleLayout.CHECKPOINT), StandardCharsets.UTF_8);
    byte[] publicKeys = entries.remove(BundleLayout.PUBLIC_KEYS);
    byte[] traceSummary = entries.remove(BundleLayout.TRACE_SUMMARY);
    byte[] traceSummaryProof = entries.remove(BundleLayout.TRACE_SUMMARY_PROOF);
    byte[] checkpointTimestamp = entries.remove(BundleLayout.CHECKPOINT_TIMESTAMP);
    TreeMap<Long, byte[]> traceProofs = new TreeMap<>();
    TreeMap<Long, byte[]> events = new TreeMap<>();
    TreeMap<Long, byte[]> proofs = new TreeMap<>();
    TreeMap<String, byte[]> blobs = new TreeMap<>();
    TreeMap<String, ExpiredPayload> expired = new TreeMap<>();
    TreeMap<Long, byte[]> expiryEvents = new TreeMap<>();
    TreeMap<Long, byte[]> expiryProofs = new TreeMap<>();
    List<String> unexpected = new ArrayList<>();
    for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
      String name = entry.getKey();
      Matcher event = BundleLayout.EVENT.matcher(name);
      Matcher proof = BundleLayout.PROOF.matcher(name);
      Matcher blob = BundleLayout.BLOB.matcher(name);
      Matcher expiry = BundleLayout.EXPIRED.matcher(name);
      Matcher expiryEvent = BundleLayout.EXPIRY_EVENT.matcher(name);
      Matcher expiryProof = BundleLayout.EXPIRY_PROOF.matcher(name);
      Matcher traceProof = BundleLayout.TRACE_PROOF.matcher(name);
      if (event.matches() && fitsLong(event.group(1))) {
        events.put(Long.parseLong(event.group(1)), entry.getValue());
      } else if (proof.matches() && fitsLong(proof.group(1))) {
        proofs.put(Long.parseLong(proof.group(1)), entry.getValue());
      } else if (blob.matches()) {
        blobs.put(blob.group(1), entry.getValue());
      } else if (expiry.matches()) {
        String[] record = new String(entry.getValue(), StandardCharsets.UTF_8).strip().split("\t", 2);
        expired.put(expiry.group(1), new ExpiredPayload(expiry.group(1), record[0], record.length > 1 ? record[1] : ""));
      } else if (expiryEvent.matches() && fitsLong(expiryEvent.group(1))) {
        expiryEvents.put(Long.parseLong(expiryEvent.group(1)), entry.getValue());
      } else if (expiryProof.matches() && fitsLong(expiryProof.group(1))) {
        expiryProofs.put(Long.parseLong(expiryProof.group(1)), entry.getValue());
      } else if (traceProof.matches() && fitsLong(traceProof.group(1))) {
        traceProofs.put(Long.parseLong(traceProof.group(1)), entry.getValue());
      } else {
        unexpected.add(name);
      }
    }
    Collections.sort(unexpected);
    return new CaseBundle(manifest, checkpointNote,
        publicKeys == null ? null : new String(publicKeys, StandardCharsets.UTF_8),
        events, proofs, blobs, unexpected, expired, expiryEvents, expiryProofs, traceSummary, traceSummaryProof,
        traceProofs, checkpointTimestamp);
  }

  private static byte[] required(Path zip, Map<String, byte[]> entries, String name)
      throws BundleFormatException {
    byte[] content = entries.remove(name);
    if (content == null) {
      throw new BundleFormatException(zip + " is not a case bundle: it has no " + name);
    }
    return content;
  }

  /** Twenty digits may exceed the largest log index a long holds; such a name is no event's. */
  private static boolean fitsLong(String digits) {
    try {
      Long.parseLong(digits);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
