package org.auditrail.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.auditrail.event.EventJson;
import org.auditrail.seal.LogProofs.StoredCheckpoint;
import org.auditrail.seal.LogProofs;
import org.auditrail.seal.LogVerification;
import org.auditrail.seal.Sequencer;
import org.auditrail.verify.log.Finding;
import org.auditrail.verify.log.VerificationReport;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Checkpoints, proofs and verifier keys of the Merkle log (RFC 9162 proof shapes; hashes in base64), so that an
 * auditor can check any event against a signed checkpoint without trusting the database.
 */
@RestController
@ProblemResponses
@RequestMapping("/api/audit")
public class LogProofController {

  private static final Base64.Encoder BASE64 = Base64.getEncoder();

  private final LogProofs proofs;
  private final Sequencer sequencer;
  private final LogVerification verification;

  public LogProofController(LogProofs proofs, Sequencer sequencer, LogVerification verification) {
    this.proofs = proofs;
    this.sequencer = sequencer;
    this.verification = verification;
  }

  @GetMapping(path = "/checkpoints/latest", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<String> latestCheckpoint() {
    Optional<StoredCheckpoint> latest = proofs.latestCheckpoint();
    if (latest.isEmpty()) {
      throw ApiProblemException.notFound("unknown_checkpoint", null, "the log has no signed checkpoint yet");
    }
    ObjectNode body = describe(latest.get());
    Sequencer.LogStatus status = sequencer.status();
    body.put("seal_lag_p50_ms", status.sealLagP50Millis());
    body.put("seal_lag_p99_ms", status.sealLagP99Millis());
    body.put("degraded", status.degraded());
    body.put("sealing_failure", status.sealingFailure());
    body.put("anchor_failure", status.anchorFailure());
    body.put("timestamp_failure", status.timestampFailure());
    body.put("head_mismatch", status.headMismatch());
    body.put("scheduled_failure", status.scheduledFailure());
    body.put("oldest_unsealed_ms", status.oldestUnsealedMillis());
    return json(body);
  }

  @GetMapping(path = "/proofs/inclusion", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<String> inclusion(@RequestParam String eventId,
      @RequestParam(required = false) Long treeSize) {
    StoredCheckpoint checkpoint = checkpointFor("treeSize", treeSize);
    long index = proofs.indexOf(eventId).orElseThrow(() -> ApiProblemException.notFound("unknown_event", "eventId",
        "event '" + eventId + "' is not in the log (unknown, or committed less than a sealing interval ago)"));
    if (index >= checkpoint.treeSize()) {
      throw ApiProblemException.invalidParameter("treeSize", "event '" + eventId + "' has log index " + index
          + ", which is not below the tree size " + checkpoint.treeSize());
    }
    ObjectNode body = EventJson.mapper().createObjectNode();
    body.put("event_id", eventId);
    body.put("leaf_index", index);
    body.put("tree_size", checkpoint.treeSize());
    hashes(body, proofs.inclusionProof(index, checkpoint.treeSize()).hashes());
    body.set("checkpoint", describe(checkpoint));
    return json(body);
  }

  @GetMapping(path = "/proofs/consistency", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<String> consistency(@RequestParam long from, @RequestParam long to) {
    if (from < 1) {
      throw ApiProblemException.invalidParameter("from", "'from' must be at least 1 (a consistency proof from size 0 is"
          + " not defined), but was: " + from);
    }
    if (from > to) {
      throw ApiProblemException.invalidParameter("to", "'to' must not be below 'from', but " + to + " is below " + from);
    }
    StoredCheckpoint first = checkpointFor("from", from);
    StoredCheckpoint second = checkpointFor("to", to);
    ObjectNode body = EventJson.mapper().createObjectNode();
    body.put("first", first.treeSize());
    body.put("second", second.treeSize());
    hashes(body, proofs.consistencyProof(from, to).hashes());
    body.set("first_checkpoint", describe(first));
    body.set("second_checkpoint", describe(second));
    return json(body);
  }

  /** The verifier keys, current and earlier, one C2SP vkey per line. */
  @GetMapping(path = "/public-keys", produces = MediaType.TEXT_PLAIN_VALUE)
  public String publicKeys() {
    StringBuilder keys = new StringBuilder();
    verification.trustedKeys().forEach(verifier -> keys.append(verifier.vkey()).append('\n'));
    return keys.toString();
  }

  /** Runs the whole verification that the offline verifier runs, over this application's database. */
  @GetMapping(path = "/verify", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<String> verify() {
    VerificationReport report = verification.run();
    ObjectNode body = EventJson.mapper().createObjectNode();
    body.put("verified", report.verified());
    body.put("summary", report.summary());
    body.put("events_checked", report.eventsChecked());
    body.put("checkpoints_checked", report.checkpointsChecked());
    body.put("blobs_checked", report.blobsChecked());
    body.put("unsigned_events", report.unsignedEvents());
    body.put("anchors_checked", !verification.anchorsMissing() && verification.anchorsConfigured());
    ArrayNode findings = body.putArray("findings");
    for (Finding finding : report.findings()) {
      findings.addObject()
          .put("problem", finding.problem().wireName())
          .put("event_id", finding.eventId())
          .put("log_index", finding.logIndex())
          .put("detail", finding.detail());
    }
    return json(body);
  }

  private StoredCheckpoint checkpointFor(String parameter, Long treeSize) {
    if (treeSize == null) {
      return proofs.latestCheckpoint()
          .orElseThrow(() -> ApiProblemException.notFound("unknown_checkpoint", null, "the log has no signed checkpoint yet"));
    }
    return proofs.checkpointAt(treeSize).orElseThrow(() -> ApiProblemException.invalidParameter(parameter,
        "'" + parameter + "' must be the size of a signed checkpoint, but no checkpoint has size " + treeSize));
  }

  private static ObjectNode describe(StoredCheckpoint checkpoint) {
    ObjectNode body = EventJson.mapper().createObjectNode();
    body.put("tree_size", checkpoint.treeSize());
    body.put("root_hash", BASE64.encodeToString(checkpoint.rootHash()));
    body.put("signed_note", checkpoint.signedNote());
    body.put("created_at", EventJson.formatTimestamp(checkpoint.createdAt()));
    body.put("timestamp_token", checkpoint.timestampToken() == null ? null
        : BASE64.encodeToString(checkpoint.timestampToken()));
    return body;
  }

  private static void hashes(ObjectNode body, List<byte[]> hashes) {
    ArrayNode array = body.putArray("hashes");
    hashes.forEach(hash -> array.add(BASE64.encodeToString(hash)));
  }

  private static ResponseEntity<String> json(ObjectNode body) {
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body.toString());
  }
}
