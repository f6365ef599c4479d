package org.auditrail.verify.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.auditrail.verify.Checkpoint;
import org.auditrail.verify.MerkleTree;
import org.auditrail.verify.NoteSigner;
import org.auditrail.verify.Rfc6962;
import org.junit.jupiter.api.Test;

class LogVerifierTest {

  private final NoteSigner oldKey = NoteSigner.generate("auditrail", new SecureRandom());
  private final NoteSigner newKey = NoteSigner.generate("auditrail", new SecureRandom());

  @Test
  void checkpointsSignedBeforeAKeyRotationStillVerifyWithTheOldPublicKey() throws Exception {
    StoredLog log = logOf(10, Map.of(5L, oldKey, 10L, newKey));

    VerificationReport report = new LogVerifier(List.of(newKey.verifier(), oldKey.verifier())).verify(log);

    assertThat(report.findings()).isEmpty();
    assertThat(report.summary()).isEqualTo("verified: 10 events, 2 checkpoints, 0 blobs");
  }

  @Test
  void withoutTheOldPublicKeyTheOldCheckpointIsNotTrusted() throws Exception {
    StoredLog log = logOf(10, Map.of(5L, oldKey, 10L, newKey));

    VerificationReport report = new LogVerifier(List.of(newKey.verifier())).verify(log);

    assertThat(report.findings()).extracting(Finding::toString).containsExactly("checkpoint_forged: checkpoint of"
        + " size 5 is not signed by any trusted key (signed as [auditrail])");
  }

  @Test
  void eventsNotYetInACheckpointAreCountedButAreNoFailure() throws Exception {
    VerificationReport report = new LogVerifier(List.of(oldKey.verifier())).verify(logOf(7, Map.of(5L, oldKey)));

    assertThat(report.verified()).isTrue();
    assertThat(report.unsignedEvents()).isEqualTo(2);
    assertThat(report.summary()).isEqualTo("verified: 7 events, 1 checkpoints, 0 blobs; 2 newest events not yet in"
        + " a checkpoint");
  }

  @Test
  void aRangeOfTheLogIsVerifiedFromItsFirstIndexWithoutItsEarlierEntries() throws Exception {
    StoredLog log = logOf(7, Map.of());

    VerificationReport report = new LogVerifier(List.of(oldKey.verifier())).verifyEntries(log, 3, 6);

    assertThat(report.findings()).isEmpty();
    assertThat(report.eventsChecked()).isEqualTo(3);
  }

  @Test
  void aRangeFindsItsModifiedEventAndLeavesEventsBeforeItToTheFullRun() throws Exception {
    StoredLog log = withPayload(withPayload(logOf(7, Map.of()), 1, "{}"), 4, "{\"event_id\":\"e-4\"}");

    VerificationReport report = new LogVerifier(List.of(oldKey.verifier())).verifyEntries(log, 3, 7);

    assertThat(report.findings()).singleElement().satisfies(finding -> {
      assertThat(finding.problem()).isEqualTo(Problem.MODIFIED);
      assertThat(finding.eventId()).isEqualTo("e-4");
      assertThat(finding.logIndex()).isEqualTo(4L);
    });
  }

  @Test
  void entriesMissingAtTheEndOfARangeAreFoundAsDeleted() throws Exception {
    VerificationReport report = new LogVerifier(List.of(oldKey.verifier())).verifyEntries(logOf(5, Map.of()), 2, 7);

    assertThat(report.findings()).singleElement().satisfies(finding -> {
      assertThat(finding.problem()).isEqualTo(Problem.DELETED);
      assertThat(finding.detail()).isEqualTo("log entries 5 to 6 are missing; the range ends at index 7");
    });
    assertThat(report.eventsChecked()).isEqualTo(3);
  }

  private static StoredLog withPayload(StoredLog log, int index, String payload) {
    List<StoredLog.Entry> entries = new ArrayList<>(log.entries());
    StoredLog.Entry entry = entries.get(index);
    entries.set(index, new StoredLog.Entry(entry.logIndex(), entry.eventId(), entry.leafHash(),
        entry.previousLeafHash(), payload, entry.columns()));
    return new StoredLog(entries, List.of(), log.checkpoints(), Map.of(), Map.of());
  }

  private static StoredLog logOf(int events, Map<Long, NoteSigner> checkpoints) throws Exception {
    List<StoredLog.Entry> entries = new ArrayList<>();
    List<byte[]> leaves = new ArrayList<>();
    byte[] previous = null;
    for (int i = 0; i < events; i++) {
      String payload = "{\"actor\":{\"id\":\"mary\",\"run_id\":null,\"type\":\"user\"},\"context\":"
          + "{\"process_instance_id\":\"pi-1\"},\"event_id\":\"e-" + i + "\",\"event_type\":\"task_completed\","
          + "\"parent_event_id\":null,\"timestamp\":\"2026-01-12T09:30:00.00" + i + "Z\",\"trace_id\":\"pi-1\"}";
      byte[] leaf = Rfc6962.leafHash(payload.getBytes(StandardCharsets.UTF_8));
      entries.add(new StoredLog.Entry(i, "e-" + i, leaf, previous, payload, EventColumns.of(payload)));
      leaves.add(leaf);
      previous = leaf;
    }
    MerkleTree tree = new MerkleTree(leaves);
    List<StoredLog.StoredCheckpoint> stored = new ArrayList<>();
    checkpoints.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(checkpoint -> {
      byte[] root = tree.root(checkpoint.getKey());
      String note = checkpoint.getValue().sign(new Checkpoint("test/log", checkpoint.getKey(), root).body()).text();
      stored.add(new StoredLog.StoredCheckpoint(checkpoint.getKey(), root, note));
    });
    return new StoredLog(entries, List.of(), stored, Map.of(), Map.of());
  }
}
