package org.auditrail.verify.bundle;

import java.util.Base64;

/**
 * {@code bundle.json}: which case the bundle holds and which checkpoint its proofs lead to. It is not signed; the
 * verifier checks it against the signed checkpoint and the files it describes.
 *
 * @param traceId the case: the root process instance id that every event's trace_id names
 * @param processInstanceId the process instance the bundle was asked for (the root or a sub-process)
 * @param treeSize the size of the checkpoint the proofs are against
 * @param rootHash that checkpoint's root hash
 * @param eventCount how many events of the case the bundle holds
 * @param createdAt when the bundle was made, an ISO-8601 UTC timestamp
 */
public record BundleManifest(String traceId, String processInstanceId, long treeSize, byte[] rootHash,
    long eventCount, String createdAt) {

  public BundleManifest {
    rootHash = rootHash.clone();
  }

  @Override
  public byte[] rootHash() {
    return rootHash.clone();
  }

  public byte[] toJson() {
    return BundleJson.write(json -> {
      json.writeStringField("format", BundleLayout.FORMAT);
      json.writeStringField("trace_id", traceId);
      json.writeStringField("process_instance_id", processInstanceId);
      json.writeNumberField("tree_size", treeSize);
      json.writeStringField("root_hash", Base64.getEncoder().encodeToString(rootHash));
      json.writeNumberField("event_count", eventCount);
      json.writeStringField("created_at", createdAt);
    });
  }

  public static BundleManifest parse(byte[] json) throws BundleFormatException {
    BundleJson.FlatObject manifest = BundleJson.read(BundleLayout.MANIFEST, json);
    String format = manifest.text("format");
    if (!format.equals(BundleLayout.FORMAT)) {
      throw new BundleFormatException(BundleLayout.MANIFEST + " has format '" + format
          + "', but this verifier reads " + BundleLayout.FORMAT);
    }
    return new BundleManifest(manifest.text("trace_id"), manifest.text("process_instance_id"),
        manifest.number("tree_size"), manifest.bytes("root_hash"), manifest.number("event_count"),
        manifest.text("created_at"));
  }
}
