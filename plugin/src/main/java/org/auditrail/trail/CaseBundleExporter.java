package org.auditrail.trail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.auditrail.event.EventJson;
import org.auditrail.seal.LogProofs.StoredCheckpoint;
import org.auditrail.seal.LogProofs;
import org.auditrail.seal.LogVerification;
import org.auditrail.store.AuditStorageException;
import org.auditrail.store.ContentBlob;
import org.auditrail.store.EventStore;
import org.auditrail.verify.InclusionProof;
import org.auditrail.verify.bundle.BundleLayout;
import org.auditrail.verify.bundle.BundleManifest;
import org.auditrail.verify.bundle.BundledEvent;
import org.auditrail.verify.bundle.EventProof;
import org.auditrail.verify.bundle.TraceTree;

/**
 * Packs one case into an evidence bundle that an auditor verifies offline with {@code audit-verify.jar --bundle}:
 * every event as stored, its inclusion proof against the latest signed checkpoint, that checkpoint, and the content
 * the events reference. A case is packed only once every one of its events is covered by a signed checkpoint.
 */
public final class CaseBundleExporter {

  private final AuditTrail trail;
  private final LogProofs proofs;
  private final LogVerification verification;
  private final Duration maxSealDelay;
  private final Clock clock;

  /**
   * @param maxSealDelay how long it takes at most, while sealing keeps up, until a committed event is in a signed
   *     checkpoint; named in the answer to a request that came too early
   */
  public CaseBundleExporter(AuditTrail trail, LogProofs proofs, LogVerification verification,
      Duration maxSealDelay, Clock clock) {
    this.trail = trail;
    this.proofs = proofs;
    this.verification = verification;
    this.maxSealDelay = maxSealDelay;
    this.clock = clock;
  }

  /**
   * The bundle of the case that a process instance (the root or any sub-process) belongs to, or empty for an
   * unknown case.
   *
   * @throws NotYetSealed if an event of the case is not yet in the latest signed checkpoint
   */
  public Optional<Bundle> export(String processInstanceId) {
    Optional<AuditTrail.Trace> found = trail.trace(processInstanceId);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    AuditTrail.Trace trace = found.get();
    List<StoredEvent> events = new ArrayList<>();
    for (String payload : trace.events()) {
      byte[] json = payload.getBytes(StandardCharsets.UTF_8);
      events.add(new StoredEvent(json, read(json)));
    }
    List<EventStore.EventText> summaries = trail.traceSummaries(trace.traceId());
    List<String> ids = new ArrayList<>(events.stream().map(stored -> stored.parsed().eventId()).toList());
    summaries.forEach(summary -> ids.add(summary.eventId()));
    // Indexes before the checkpoint: a checkpoint read later can only cover more of them.
    Map<String, Long> sealedIndexes = proofs.sealedIndexes(ids);
    Optional<StoredCheckpoint> latest = proofs.latestCheckpoint();
    long treeSize = latest.map(StoredCheckpoint::treeSize).orElse(0L);
    SortedMap<Long, StoredEvent> signed = new TreeMap<>();
    for (StoredEvent stored : events) {
      Long logIndex = sealedIndexes.get(stored.parsed().eventId());
      if (logIndex != null && logIndex < treeSize) {
        signed.put(logIndex, stored);
      }
    }
    int waiting = trace.events().size() - signed.size();
    if (waiting > 0) {
      throw new NotYetSealed(waiting + " of the " + trace.events().size() + " events of case " + trace.traceId()
          + (waiting == 1 ? " is" : " are") + " not yet sealed into a signed checkpoint; retry after the sealing"
          + " interval (about " + maxSealDelay.toMillis() + " ms)");
    }
    // A trace has at least one event, and every one is below the checkpoint's size, so there is a checkpoint.
    StoredCheckpoint checkpoint = latest.orElseThrow();
    TraceSummary summary = latestSummary(trace.traceId(), summaries, sealedIndexes, treeSize);
    List<Long> indexes = new ArrayList<>(signed.keySet());
    indexes.add(summary.logIndex());
    List<InclusionProof> inclusionProofs = proofs.inclusionProofs(indexes, treeSize);
    return Optional.of(new Bundle(trace.traceId(), zip(trace, checkpoint, signed,
        inclusionProofs.subList(0, signed.size()), summary.withProof(inclusionProofs.get(signed.size())))));
  }

  /**
   * The trace's latest summary in the checkpoint, which covers every event of the case: the sequencer seals a
   * trace's summary in the round that seals its events, and a checkpoint ends with a round.
   *
   * @throws NotYetSealed when the case has none there yet: its events were sealed before summaries existed, and
   *     the sequencer seals their summary in one of its next rounds
   */
  private TraceSummary latestSummary(String traceId, List<EventStore.EventText> summaries,
      Map<String, Long> sealedIndexes, long treeSize) {
    TraceSummary latest = null;
    for (EventStore.EventText summary : summaries) {
      Long logIndex = sealedIndexes.get(summary.eventId());
      if (logIndex != null && logIndex < treeSize && (latest == null || logIndex > latest.logIndex())) {
        latest = new TraceSummary(logIndex, summary, null);
      }
    }
    if (latest == null) {
      throw new NotYetSealed("the trace summary of case " + traceId + " is not yet sealed into a signed checkpoint;"
          + " retry after the sealing interval (about " + maxSealDelay.toMillis() + " ms)");
    }
    return latest;
  }

  private byte[] zip(AuditTrail.Trace trace, StoredCheckpoint checkpoint, SortedMap<Long, StoredEvent> events,
      List<InclusionProof> inclusionProofs, TraceSummary summary) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
      put(zip, BundleLayout.MANIFEST, new BundleManifest(trace.traceId(), trace.processInstanceId(),
          checkpoint.treeSize(), checkpoint.rootHash(), events.size(), EventJson.formatTimestamp(clock.instant()))
          .toJson());
      put(zip, BundleLayout.CHECKPOINT, checkpoint.signedNote().getBytes(StandardCharsets.UTF_8));
      if (checkpoint.timestampToken() != null) {
        put(zip, BundleLayout.CHECKPOINT_TIMESTAMP, checkpoint.timestampToken());
      }
      StringBuilder publicKeys = new StringBuilder();
      verification.trustedKeys().forEach(key -> publicKeys.append(key.vkey()).append('\n'));
      put(zip, BundleLayout.PUBLIC_KEYS, publicKeys.toString().getBytes(StandardCharsets.UTF_8));
      SortedSet<String> blobReferences = new TreeSet<>();
      // The case's own tree: its events' leaves in log order, whose size and root the summary states.
      SortedMap<Long, byte[]> eventBytes = new TreeMap<>();
      events.forEach((logIndex, event) -> eventBytes.put(logIndex, event.json()));
      TraceTree traceTree = TraceTree.of(eventBytes);
      for (InclusionProof proof : inclusionProofs) {
        StoredEvent event = events.get(proof.leafIndex());
        put(zip, BundleLayout.event(proof.leafIndex()), event.json());
        put(zip, BundleLayout.proof(proof.leafIndex()), new EventProof(event.parsed().eventId(), proof).toJson());
        put(zip, BundleLayout.traceProof(proof.leafIndex()), new EventProof(event.parsed().eventId(),
            traceTree.proof(proof.leafIndex(), traceTree.size())).toJson());
        blobReferences.addAll(event.parsed().blobReferences());
      }
      put(zip, BundleLayout.TRACE_SUMMARY, summary.event().json().getBytes(StandardCharsets.UTF_8));
      put(zip, BundleLayout.TRACE_SUMMARY_PROOF, new EventProof(summary.event().eventId(), summary.proof())
          .toJson());
      SortedMap<Long, String> expiryEvents = new TreeMap<>();
      for (String sha256 : blobReferences) {
        // Content missing from the store stays missing from the bundle, where the verifier reports it: as expired
        // when a sealed payload_expired event in the bundle justifies its removal, else as missing.
        Optional<ContentBlob> blob = trail.content(sha256);
        if (blob.isPresent()) {
          put(zip, BundleLayout.blob(sha256), blob.get().content());
        } else {
          Optional<String> expiry = trail.expiryOf(sha256);
          if (expiry.isPresent()) {
            put(zip, BundleLayout.expired(sha256), expiry.get().getBytes(StandardCharsets.UTF_8));
          }
          expiryEvents.putAll(signedExpiryEvents(sha256, checkpoint.treeSize()));
        }
      }
      List<InclusionProof> expiryProofs = proofs.inclusionProofs(List.copyOf(expiryEvents.keySet()),
          checkpoint.treeSize());
      for (InclusionProof proof : expiryProofs) {
        String json = expiryEvents.get(proof.leafIndex());
        put(zip, BundleLayout.expiryEvent(proof.leafIndex()), json.getBytes(StandardCharsets.UTF_8));
        put(zip, BundleLayout.expiryProof(proof.leafIndex()), new EventProof(
            read(json.getBytes(StandardCharsets.UTF_8)).eventId(), proof).toJson());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing a ZIP to memory cannot fail", e);
    }
    return bytes.toByteArray();
  }

  /**
   * The payload_expired events that name a removed payload, by log index, as stored.
   *
   * @throws NotYetSealed if one is not yet in the checkpoint: the bundle could not justify the removal yet
   */
  private SortedMap<Long, String> signedExpiryEvents(String sha256, long treeSize) {
    List<EventStore.EventText> events = trail.expiryEvents(sha256);
    Map<String, Long> sealed = proofs.sealedIndexes(events.stream().map(EventStore.EventText::eventId).toList());
    SortedMap<Long, String> signed = new TreeMap<>();
    for (EventStore.EventText event : events) {
      Long logIndex = sealed.get(event.eventId());
      if (logIndex == null || logIndex >= treeSize) {
        throw new NotYetSealed("the payload_expired event " + event.eventId() + " that records the removal of "
            + sha256 + " is not yet sealed into a signed checkpoint; retry after the sealing interval (about "
            + maxSealDelay.toMillis() + " ms)");
      }
      signed.put(logIndex, event.json());
    }
    return signed;
  }

  private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(content);
    zip.closeEntry();
  }

  private static BundledEvent read(byte[] json) {
    try {
      return BundledEvent.read(json);
    } catch (IOException e) {
      throw new AuditStorageException("AUDIT-012 a stored audit event is not valid JSON: " + e.getMessage(), e);
    }
  }

  /** A case's evidence bundle, a ZIP. */
  public record Bundle(String traceId, byte[] zip) {
    public String fileName() {
      return "case-" + traceId + ".zip";
    }
  }

  /** Some events of the case are not yet covered by a signed checkpoint, so they cannot be proven yet. */
  public static final class NotYetSealed extends RuntimeException {
    NotYetSealed(String message) {
      super(message);
    }
  }

  /** The trace summary a bundle carries: where the log sealed it, as stored, and its inclusion proof. */
  private record TraceSummary(long logIndex, EventStore.EventText event, InclusionProof proof) {
    TraceSummary withProof(InclusionProof inclusionProof) {
      return new TraceSummary(logIndex, event, inclusionProof);
    }
  }

  /** An event as stored, and what the bundle needs from it. */
  private record StoredEvent(byte[] json, BundledEvent parsed) {}
}
