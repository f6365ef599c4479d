package org.auditrail.verify.bundle;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.auditrail.verify.log.ExpiredPayload;

/**
 * A case bundle as read from its ZIP, before anything in it is believed.
 *
 * @param manifest the parsed {@code bundle.json}
 * @param checkpointNote the signed note of the checkpoint the proofs are against
 * @param publicKeys the exporter's verifier keys, for information only, or {@code null} when the bundle has none
 * @param events each event's bytes as stored, by the log index in its file name
 * @param proofs each proof file's bytes, by the log index in its file name
 * @param blobs each blob's bytes, by the SHA-256 in its file name
 * @param unexpectedEntries names of entries that are no part of a case bundle
 * @param expired the payloads the exporter records as removed under a retention policy, by SHA-256 (unsigned text)
 * @param expiryEvents the {@code payload_expired} events that removed content the case references, by log index
 * @param expiryProofs each expiry event's proof file's bytes, by log index
 * @param traceSummary the {@code trace_sealed} event of the case, or {@code null} when the bundle has none
 * @param traceSummaryProof its proof file's bytes, or {@code null}
 * @param traceProofs each event's proof in the case's trace tree, by the event's log index
 * @param checkpointTimestamp the checkpoint's RFC 3161 token (DER), or {@code null} when the bundle has none
 */
public record CaseBundle(BundleManifest manifest, String checkpointNote, String publicKeys,
    SortedMap<Long, byte[]> events, SortedMap<Long, byte[]> proofs, SortedMap<String, byte[]> blobs,
    List<String> unexpectedEntries, SortedMap<String, ExpiredPayload> expired, SortedMap<Long, byte[]> expiryEvents,
    SortedMap<Long, byte[]> expiryProofs, byte[] traceSummary, byte[] traceSummaryProof,
    SortedMap<Long, byte[]> traceProofs, byte[] checkpointTimestamp) {

  public CaseBundle {
    events = Collections.unmodifiableSortedMap(new TreeMap<>(events));
    proofs = Collections.unmodifiableSortedMap(new TreeMap<>(proofs));
    blobs = Collections.unmodifiableSortedMap(new TreeMap<>(blobs));
    unexpectedEntries = List.copyOf(unexpectedEntries);
    expired = Collections.unmodifiableSortedMap(new TreeMap<>(expired));
    expiryEvents = Collections.unmodifiableSortedMap(new TreeMap<>(expiryEvents));
    expiryProofs = Collections.unmodifiableSortedMap(new TreeMap<>(expiryProofs));
    traceProofs = Collections.unmodifiableSortedMap(new TreeMap<>(traceProofs));
  }
}
