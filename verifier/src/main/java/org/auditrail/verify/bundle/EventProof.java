package org.auditrail.verify.bundle;

import java.util.Base64;
import org.auditrail.verify.InclusionProof;

/**
 * {@code proofs/<log index>.json}: the RFC 9162 inclusion proof of one event of the bundle, lowest hash first.
 *
 * @param eventId the event the proof is for
 * @param proof its audit path from the leaf to the root of the checkpoint's tree
 */
public record EventProof(String eventId, InclusionProof proof) {

  public byte[] toJson() {
    return BundleJson.write(json -> {
      json.writeStringField("event_id", eventId);
      json.writeNumberField("leaf_index", proof.leafIndex());
      json.writeNumberField("tree_size", proof.treeSize());
      json.writeArrayFieldStart("hashes");
      for (byte[] hash : proof.hashes()) {
        json.writeString(Base64.getEncoder().encodeToString(hash));
      }
      json.writeEndArray();
    });
  }

  public static EventProof parse(String file, byte[] json) throws BundleFormatException {
    BundleJson.FlatObject proof = BundleJson.read(file, json);
    return new EventProof(proof.text("event_id"), new InclusionProof(proof.number("leaf_index"),
        proof.number("tree_size"), proof.byteArrays("hashes")));
  }
}
