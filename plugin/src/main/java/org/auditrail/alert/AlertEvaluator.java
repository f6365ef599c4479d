package org.auditrail.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.auditrail.event.EventJson;
import org.auditrail.seal.DaemonTimer;
import org.auditrail.seal.ScheduledWork;
import org.auditrail.seal.Sequencer;
import org.auditrail.store.SealedLog;
import org.auditrail.store.SinkPositions;

/**
 * Evaluates the rules on the sealed events in log order, as they are sealed, on a thread of its own: never in an
 * engine command. Its position in the log is kept like a SIEM sink's (consumer {@value #CONSUMER}) and moved on
 * after each batch, so a restart resumes where it stopped; the windows are kept in memory and start empty.
 */
public class AlertEvaluator implements AutoCloseable {

  static final String CONSUMER = "alerts";
  static final int MAX_SUMMARY = 1000;

  private final SealedLog log;
  private final SinkPositions positions;
  private final AlertRules rules;
  private final Alerts alerts;
  private final int batchSize;
  private final Clock clock;
  private final SealingWatch sealing;
  private final Map<String, RuleWindow> windows = new HashMap<>();
  private final Map<String, ShareWindow> shares = new HashMap<>();
  private boolean started;
  private ScheduledExecutorService timer;

  AlertEvaluator(SealedLog log, SinkPositions positions, AlertRules rules, Alerts alerts, int batchSize,
      Supplier<Sequencer.LogStatus> sealing, Clock clock) {
    this.sealing = new SealingWatch(sealing, clock);
    this.log = log;
    this.positions = positions;
    this.rules = rules;
    this.alerts = alerts;
    this.batchSize = batchSize;
    this.clock = clock;
  }

  /** Evaluates every interval, the first time one interval after the start. */
  public synchronized AlertEvaluator start(Duration interval, ScheduledWork work) {
    if (timer == null) {
      timer = DaemonTimer.named("audit-alerts");
      timer.scheduleWithFixedDelay(() -> work.run("audit-alerts-evaluate", this::evaluateUnchecked),
          interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }
    return this;
  }

  /**
   * Evaluates the rules on everything sealed since the last round and answers the log index it reached. The first
   * round of a log no rule has seen yet starts at its end: rules watch what is sealed from then on.
   */
  public synchronized long evaluate() throws SQLException {
    long from = positions.next(CONSUMER);
    if (!started && from == 0) {
      long size = log.size();
      if (size > 0 && positions.advance(CONSUMER, 0, size, clock.instant())) {
        AlertLogger.startsAt(size);
        from = size;
      }
    }
    started = true;
    try {
      List<RuleSnapshot> all = rules.all().stream().map(RuleSnapshot::of).toList();
      checkSealing(all);
      List<RuleSnapshot> snapshot = all.stream().filter(rule -> !rule.definition().conditionType().isSealingState())
          .toList();
      windows.keySet().retainAll(snapshot.stream().map(RuleSnapshot::windowKey).toList());
      shares.keySet().retainAll(snapshot.stream().map(RuleSnapshot::windowKey).toList());
      List<SealedLog.SealedEvent> batch;
      while (!(batch = log.from(from, batchSize)).isEmpty()) {
        for (SealedLog.SealedEvent sealed : batch) {
          evaluate(sealed, snapshot);
        }
        long to = batch.get(batch.size() - 1).index() + 1;
        if (!positions.advance(CONSUMER, from, to, clock.instant())) {
          return positions.next(CONSUMER);
        }
        from = to;
      }
      return from;
    } catch (SQLException | RuntimeException e) {
      AlertLogger.roundFailed(from, e);
      throw e;
    }
  }

  private void evaluateUnchecked() {
    try {
      evaluate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The rules on this node's sealing state, checked once a round before the log is read. */
  private void checkSealing(List<RuleSnapshot> all) {
    List<RuleSnapshot> stateRules = all.stream().filter(rule -> rule.definition().conditionType().isSealingState())
        .toList();
    if (stateRules.isEmpty()) {
      return;
    }
    Sequencer.LogStatus status = sealing.status();
    for (RuleSnapshot rule : stateRules) {
      sealing.check(rule.id(), rule.definition(), status).ifPresent(alert -> {
        try {
          alerts.raise(alert);
          sealing.raised(rule.id());
        } catch (RuntimeException e) {
          // Not raised: tried again next round, and the rules on events still run on what was sealed.
          AlertLogger.sealingAlertNotRaised(rule.id(), e);
        }
      });
    }
  }

  private void evaluate(SealedLog.SealedEvent sealed, List<RuleSnapshot> snapshot) {
    JsonNode event = parse(sealed);
    for (RuleSnapshot rule : snapshot) {
      RuleDefinition definition = rule.definition();
      AlertCondition condition = definition.conditionType();
      JsonNode parameters = definition.parameters();
      boolean shareMode = definition.share().isPresent();
      long weight = condition.weight(event, parameters);
      if (weight == 0 && !(shareMode && condition.considered(event, parameters))) {
        continue;
      }
      RuleWindow.Occurrence occurrence = new RuleWindow.Occurrence(sealed.eventId(), caseOf(event),
          Instant.parse(event.path("timestamp").asText()), weight, condition.occurrenceKey(event),
          weight == 0 ? null : condition.detail(event));
      if (shareMode) {
        shares.computeIfAbsent(rule.windowKey(), key -> new ShareWindow()).add(occurrence, definition)
            .ifPresent(fired -> alerts.raise(alertOf(rule, fired.matching(), fired.considered())));
      } else {
        windows.computeIfAbsent(rule.windowKey(), key -> new RuleWindow()).add(occurrence, definition)
            .ifPresent(occurrences -> alerts.raise(alertOf(rule, occurrences, 0)));
      }
    }
  }

  /** @param considered in share mode, how many events the share was taken of; 0 in count mode */
  private AlertRaised alertOf(RuleSnapshot rule, List<RuleWindow.Occurrence> occurrences, int considered) {
    List<String> eventIds = occurrences.stream().map(RuleWindow.Occurrence::eventId).toList();
    String traceId = RuleWindow.caseOf(occurrences);
    String id = UUID.nameUUIDFromBytes((rule.id() + ":" + String.join(",", eventIds))
        .getBytes(StandardCharsets.UTF_8)).toString();
    RuleDefinition definition = rule.definition();
    long count = occurrences.stream().mapToLong(RuleWindow.Occurrence::weight).sum();
    String details = occurrences.stream().map(RuleWindow.Occurrence::detail).filter(Objects::nonNull).distinct()
        .collect(Collectors.joining("; "));
    String summary = count + " " + definition.conditionType().occurrences(count)
        + (considered > 0 ? " among " + considered + " within " + definition.window() + " ("
            + percent((double) count / considered) + ", limit " + percent(definition.share().orElseThrow()) + ")"
            : definition.threshold() > 1 ? " within " + definition.window() : "")
        + (traceId == null ? "" : " in case " + traceId)
        + (details.isEmpty() ? "" : ": " + details);
    return new AlertRaised(id, rule.id(), definition.name(), definition.condition(), shortened(summary), traceId,
        eventIds, definition.channels(), clock.instant());
  }

  private static String percent(double share) {
    return Math.round(share * 100) + "%";
  }

  /** A summary as an alert keeps it: at most {@value #MAX_SUMMARY} characters. */
  static String shortened(String summary) {
    return summary.length() <= MAX_SUMMARY ? summary : summary.substring(0, MAX_SUMMARY - 1) + "…";
  }

  /** The case an event is about: its trace when it happened in a process instance, else none (an API call). */
  private static String caseOf(JsonNode event) {
    return event.path("context").path("process_instance_id").asText("").isEmpty() ? null
        : event.path("trace_id").asText(null);
  }

  private static JsonNode parse(SealedLog.SealedEvent sealed) {
    try {
      return EventJson.mapper().readTree(sealed.json());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the sealed event " + sealed.eventId() + " is not valid JSON", e);
    }
  }

  @Override
  public synchronized void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }

  /** A rule as read for one round; a changed rule starts a new window. */
  private record RuleSnapshot(String id, RuleDefinition definition, String windowKey) {
    static RuleSnapshot of(AlertRule rule) {
      return new RuleSnapshot(rule.id(), rule.definition(), rule.id() + "@" + rule.updatedAt());
    }
  }
}
