package org.auditrail.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.auditrail.seal.LogProofs;
import org.auditrail.seal.Sequencer;
import org.auditrail.store.AuditStore;
import org.auditrail.testapp.AuditTestApplication;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Incremental runs on H2, called directly (the watch's own schedule is an hour away): each starts where the last
 * verified one ended, and a range with nothing new verifies without reading an entry.
 */
@SpringBootTest(classes = AuditTestApplication.class, properties = "audit.watch.verify-interval=1h")
class H2ContinuousVerificationTest {

  @Autowired AuditStore store;
  @Autowired Sequencer sequencer;
  @Autowired LogProofs proofs;
  @Autowired LogWatch watch;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;

  @Test
  void eachIncrementalRunStartsWhereTheLastVerifiedOneEnded() throws Exception {
    long start = store.verifiedCheckpoints().latest().map(verified -> verified.treeSize()).orElse(0L);
    runCase("h2-watch-1");
    long first = sealAll();

    VerificationRun one = watch.verifyIncrementally().orElseThrow();
    runCase("h2-watch-2");
    long second = sealAll();
    VerificationRun two = watch.verifyIncrementally().orElseThrow();
    VerificationRun idle = watch.verifyIncrementally().orElseThrow();

    assertThat(one.problems()).isEmpty();
    assertThat(one.kind()).isEqualTo(VerificationKind.INCREMENTAL);
    assertThat(one.fromIndex()).isEqualTo(start);
    assertThat(one.toIndex()).isEqualTo(first);
    assertThat(one.eventsChecked()).isEqualTo(first - start);
    assertThat(two.problems()).isEmpty();
    assertThat(two.fromCheckpointSize()).isEqualTo(first);
    assertThat(two.toCheckpointSize()).isEqualTo(second);
    assertThat(two.eventsChecked()).isEqualTo(second - first);
    assertThat(idle.fromCheckpointSize()).isEqualTo(second);
    assertThat(idle.toCheckpointSize()).isEqualTo(second);
    assertThat(idle.eventsChecked()).isZero();
    assertThat(watch.degraded()).isFalse();
    assertThat(store.verifiedCheckpoints().latest().orElseThrow().treeSize()).isEqualTo(second);
  }

  @Test
  void theFullRunVerifiesALogHoldingTheWatchsOwnEvents() throws Exception {
    runCase("h2-watch-3");
    sealAll();
    watch.verifyIncrementally();
    long size = sealAll();

    VerificationRun full = watch.verifyFully();

    assertThat(full.problems()).isEmpty();
    assertThat(full.kind()).isEqualTo(VerificationKind.FULL);
    assertThat(full.toIndex()).isEqualTo(size);
    assertThat(full.toCheckpointSize()).isEqualTo(size);
  }

  private void runCase(String businessKey) {
    ProcessInstance instance = runtimeService.startProcessInstanceByKey("rollbackCase", businessKey,
        Map.of("fail", false));
    taskService.complete(taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult().getId());
  }

  private long sealAll() throws Exception {
    sequencer.sealOnce(true);
    while (sequencer.sealOnce(true) > 0) {
      // Seal until nothing waits.
    }
    return proofs.latestCheckpoint().orElseThrow().treeSize();
  }
}
