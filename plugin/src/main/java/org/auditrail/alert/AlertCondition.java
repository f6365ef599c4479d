package org.auditrail.alert;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.auditrail.event.EventType;
import org.auditrail.event.OperatorAction;
import org.auditrail.event.Outcome;

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
  };

  private final String wireName = name().toLowerCase(Locale.ROOT);
  private final String occurrence;

  AlertCondition(String occurrence) {
    this.occurrence = occurrence;
  }

  public String wireName() {
    return wireName;
  }

  /** How an alert's summary names one occurrence, e.g. "four-eyes refusal"; "s" makes it plural. */
  String occurrence() {
    return occurrence;
  }

  /** How many occurrences the event is: 0 when it is not one. */
  abstract long weight(JsonNode event);

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
