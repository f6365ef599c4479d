package org.auditrail.alert;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.auditrail.event.EventType;
import org.auditrail.event.OperatorAction;
import org.auditrail.event.Outcome;
import org.auditrail.seal.Sequencer;

/**
 * What a rule watches for in the sealed events (see docs/alerts.md). Each condition says how much one event counts
 * towards the rule's {@code threshold} within its {@code window}: 0 for an event that is not one of its kind.
 */
public enum AlertCondition {

  /** An approval refused by the four-eyes rule ({@code review_refused} with {@code output.refused} four_eyes). */
  FOUR_EYES_REFUSED("four-eyes refusal") {
    @Override
    long weight(JsonNode event) {
      return is(event, EventType.REVIEW_REFUSED) && "four_eyes".equals(event.path("output").path("refused").asText())
          ? 1 : 0;
    }
  },
  /** A call to a guarded API or a read of case data answered 403. */
  ACCESS_REFUSED("refused request") {
    @Override
    long weight(JsonNode event) {
      return (is(event, EventType.AUDIT_API_ACCESSED) || is(event, EventType.DATA_ACCESSED))
          && event.path("output").path("status").asInt() == 403 ? 1 : 0;
    }
  },
  /** Wrong credentials; an aggregate event of a burst counts as many failures as it records. */
  AUTHENTICATION_FAILED("failed authentication") {
    @Override
    long weight(JsonNode event) {
      return is(event, EventType.AUTHENTICATION_FAILED) ? Math.max(1, event.path("output").path("count").asLong(1))
          : 0;
    }
  },
  /** An operator action ({@link OperatorAction}), counted once per operation. */
  OPERATOR_ACTION("operator action") {
    @Override
    long weight(JsonNode event) {
      return OperatorAction.of(event).isPresent() ? 1 : 0;
    }

    @Override
    String occurrenceKey(JsonNode event) {
      String operation = event.path("output").path("operation_id").asText("");
      return operation.isEmpty() ? super.occurrenceKey(event) : "operation:" + operation;
    }
  },
  /** A model call that failed (HTTP error, rate limit, time-out). */
  MODEL_ERRORS("failed model call") {
    @Override
    long weight(JsonNode event) {
      return is(event, EventType.MODEL_CALL) && Outcome.ERROR.wireName().equals(event.path("outcome").asText())
          ? 1 : 0;
    }
  },
  /** A run of continuous verification that found the log tampered with. */
  VERIFICATION_FAILED("failed verification") {
    @Override
    long weight(JsonNode event) {
      return is(event, EventType.VERIFICATION_COMPLETED)
          && "failed".equals(event.path("output").path("result").asText()) ? 1 : 0;
    }

    /**
     * Runs that report the same first finding are one occurrence: the watch reports a tampered event at every
     * run until someone acts, and that is one alert per window, not one per run.
     */
    @Override
    String occurrenceKey(JsonNode event) {
      JsonNode first = event.path("output").path("problems").path(0);
      return first.isMissingNode() ? super.occurrenceKey(event)
          : "finding:" + first.path("problem").asText() + "@" + first.path("log_index").asText()
              + ":" + first.path("event_id").asText();
    }
  },
  /**
   * An AI decision whose output field is high risk: one of {@code values} or a number of at least {@code at_least};
   * among the decisions made (outcome not error), optionally of one process definition.
   */
  HIGH_RISK_AI_DECISIONS("high-risk AI decision") {
    @Override
    long weight(JsonNode event, JsonNode parameters) {
      if (!considered(event, parameters)) {
        return 0;
      }
      JsonNode value = event.path("output").path("value").path(parameters.path(ConditionParameters.FIELD).asText());
      JsonNode atLeast = parameters.path(ConditionParameters.AT_LEAST);
      if (atLeast.isNumber()) {
        return value.isNumber() && value.decimalValue().compareTo(atLeast.decimalValue()) >= 0 ? 1 : 0;
      }
      for (JsonNode high : parameters.path(ConditionParameters.VALUES)) {
        if (value.isTextual() && value.asText().equals(high.asText())) {
          return 1;
        }
      }
      return 0;
    }

    @Override
    boolean considered(JsonNode event, JsonNode parameters) {
      JsonNode key = parameters.path(ConditionParameters.PROCESS_DEFINITION_KEY);
      return is(event, EventType.DECISION) && !Outcome.ERROR.wireName().equals(event.path("outcome").asText())
          && (!key.isTextual() || key.asText().equals(event.path("context").path("process_definition_key").asText()));
    }
  },
  /** A human review that changed the AI draft: its {@code output.patch} has at least one operation. */
  OVERRIDE_RATE("review that changed the AI draft", "reviews that changed the AI draft") {
    @Override
    long weight(JsonNode event) {
      return is(event, EventType.HUMAN_REVIEW) && event.path("output").path("patch").isArray()
          && !event.path("output").path("patch").isEmpty() ? 1 : 0;
    }

    @Override
    boolean considered(JsonNode event, JsonNode parameters) {
      return is(event, EventType.HUMAN_REVIEW);
    }
  },
  /**
   * An AI task whose model, prompt, tools or index changed since its previous run to a snapshot not in
   * {@code approved_snapshots}; a change that could not be determined ({@code "known": false}) counts.
   */
  UNAPPROVED_CONFIGURATION_CHANGE("unapproved configuration change") {
    @Override
    long weight(JsonNode event, JsonNode parameters) {
      JsonNode change = event.path("metadata").path(CONFIGURATION_CHANGE);
      if (!is(event, EventType.DECISION) || !change.isObject() || change.path("first_run").asBoolean(false)) {
        return 0;
      }
      if (change.path("known").asBoolean(true)) {
        String snapshot = change.path("snapshot_sha256").asText("");
        for (JsonNode approved : parameters.path(ConditionParameters.APPROVED_SNAPSHOTS)) {
          if (approved.asText().equals(snapshot)) {
            return 0;
          }
        }
      }
      return 1;
    }

    @Override
    String detail(JsonNode event) {
      JsonNode context = event.path("context");
      JsonNode change = event.path("metadata").path(CONFIGURATION_CHANGE);
      List<String> parts = new ArrayList<>();
      change.path("changed").fieldNames().forEachRemaining(parts::add);
      String what = !change.path("known").asBoolean(true) ? "unknown" : String.join(", ", parts);
      return "AI task " + context.path("process_definition_key").asText() + "/" + context.path("activity_id")
          .asText() + " (" + what + ")";
    }
  },
  /** This node's checkpoints are not anchored or not time-stamped: the last anchoring or time-stamping failed. */
  SIGNING_OR_ANCHOR_FAILURE("signing or anchor failure") {
    @Override
    String failure(Sequencer.LogStatus status) {
      return status.anchorFailure() != null ? status.anchorFailure() : status.timestampFailure();
    }
  },
  /** This node's sealing is degraded (or an event waits unsealed) for longer than {@code for}. */
  SEALING_DEGRADED("degraded sealing") {
    @Override
    String failure(Sequencer.LogStatus status) {
      return Stream.of(status.sealingFailure(), status.headMismatch(), status.anchorFailure(),
          status.timestampFailure(), status.scheduledFailure()).filter(Objects::nonNull).findFirst().orElse(null);
    }
  };

  static final String CONFIGURATION_CHANGE = "auditrail.configuration_change";

  private final String wireName = name().toLowerCase(Locale.ROOT);
  private final String occurrence;
  private final String occurrences;

  AlertCondition(String occurrence) {
    this(occurrence, occurrence + "s");
  }

  AlertCondition(String occurrence, String occurrences) {
    this.occurrence = occurrence;
    this.occurrences = occurrences;
  }

  public String wireName() {
    return wireName;
  }

  /** How an alert's summary names {@code count} occurrences, e.g. "four-eyes refusal(s)". */
  String occurrences(long count) {
    return count == 1 ? occurrence : occurrences;
  }

  /** How many occurrences the event is: 0 when it is not one. */
  long weight(JsonNode event) {
    return 0;
  }

  /** How many occurrences the event is for a rule with these parameters (defaults filled in). */
  long weight(JsonNode event, JsonNode parameters) {
    return weight(event);
  }

  /** Whether the event is one of those a share is taken of (share mode), such as every decision made. */
  boolean considered(JsonNode event, JsonNode parameters) {
    return weight(event, parameters) > 0;
  }

  /** What an alert's summary says of one occurrence, or {@code null}. */
  String detail(JsonNode event) {
    return null;
  }

  /** Whether the condition is a state of this node's sealing rather than a kind of event. */
  boolean isSealingState() {
    return this == SIGNING_OR_ANCHOR_FAILURE || this == SEALING_DEGRADED;
  }

  /** For a sealing state: what fails now, or {@code null} while the state is clean. */
  String failure(Sequencer.LogStatus status) {
    return null;
  }

  /** Events with the same key are one occurrence (Camunda logs one operation as several entries). */
  String occurrenceKey(JsonNode event) {
    return event.path("event_id").asText();
  }

  public static Optional<AlertCondition> fromWireName(String wireName) {
    return Arrays.stream(values()).filter(condition -> condition.wireName.equals(wireName)).findFirst();
  }

  private static boolean is(JsonNode event, EventType type) {
    return type.wireName().equals(event.path("event_type").asText());
  }
}
