package org.auditrail.alert;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.auditrail.seal.Sequencer;

/**
 * Watches the states of this node's sealing that rules name ({@code signing_or_anchor_failure},
 * {@code sealing_degraded}) each evaluation round. An episode starts when a rule first sees its state fail; it
 * raises once per episode, and again only after the state was clean and failed anew. Episodes are kept in memory: a
 * state still failing after a restart is a new episode.
 */
final class SealingWatch {

  private final Supplier<Sequencer.LogStatus> status;
  private final Clock clock;
  private final Map<String, Instant> episodes = new HashMap<>();
  private final Set<String> raised = new HashSet<>();

  /** @param status this node's sealing status, or a supplier of {@code null} where there is no sequencer */
  SealingWatch(Supplier<Sequencer.LogStatus> status, Clock clock) {
    this.status = status;
    this.clock = clock;
  }

  /** Checks the rule against the state now: the alert it raises, if any. {@link #raised} marks it raised. */
  Optional<AlertRaised> check(String ruleId, RuleDefinition rule, Sequencer.LogStatus now) {
    String failure = now == null ? null : failure(rule, now);
    if (failure == null) {
      raised.remove(ruleId);
      if (episodes.remove(ruleId) != null) {
        AlertLogger.sealingEpisodeEnded(ruleId, rule.condition());
      }
      return Optional.empty();
    }
    Instant at = clock.instant();
    Instant start = episodes.computeIfAbsent(ruleId, id -> {
      AlertLogger.sealingEpisodeStarted(ruleId, rule.condition(), failure);
      return at;
    });
    if (raised.contains(ruleId)) {
      return Optional.empty();
    }
    String summary;
    if (rule.conditionType() == AlertCondition.SEALING_DEGRADED) {
      Duration lasted = Duration.between(start, at);
      if (lasted.compareTo(rule.degradedFor()) < 0 && now.oldestUnsealedMillis() < rule.degradedFor().toMillis()) {
        return Optional.empty();
      }
      summary = "sealing degraded for at least " + rule.degradedFor() + ": " + failure;
    } else {
      summary = "checkpoints not anchored or time-stamped: " + failure;
    }
    String id = UUID.nameUUIDFromBytes((ruleId + ":" + start).getBytes(StandardCharsets.UTF_8)).toString();
    return Optional.of(new AlertRaised(id, ruleId, rule.name(), rule.condition(), AlertEvaluator.shortened(summary),
        null, List.of(), rule.channels(), at));
  }

  void raised(String ruleId) {
    raised.add(ruleId);
  }

  Sequencer.LogStatus status() {
    return status.get();
  }

  /** What fails now for the rule; for {@code sealing_degraded} an event waiting longer than {@code for} too. */
  private static String failure(RuleDefinition rule, Sequencer.LogStatus status) {
    String failure = rule.conditionType().failure(status);
    if (failure == null && rule.conditionType() == AlertCondition.SEALING_DEGRADED
        && status.oldestUnsealedMillis() >= rule.degradedFor().toMillis() && status.oldestUnsealedMillis() > 0) {
      failure = "an event has waited " + Duration.ofSeconds(status.oldestUnsealedMillis() / 1000) + " to be sealed";
    }
    return failure;
  }
}
