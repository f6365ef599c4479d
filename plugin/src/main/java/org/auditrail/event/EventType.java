package org.auditrail.event;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Every kind of event the project records. The wire names are part of the public schema. */
public enum EventType {
  DEPLOYMENT_CREATED,
  PROCESS_STARTED,
  PROCESS_COMPLETED,
  PROCESS_CANCELLED,
  ACTIVITY_STARTED,
  ACTIVITY_COMPLETED,
  ACTIVITY_CANCELLED,
  GATEWAY_DECISION,
  TASK_CREATED,
  TASK_ASSIGNED,
  TASK_CLAIMED,
  TASK_UNCLAIMED,
  TASK_DELEGATED,
  TASK_COMPLETED,
  TASK_DELETED,
  VARIABLE_CREATED,
  VARIABLE_UPDATED,
  VARIABLE_DELETED,
  JOB_CREATED,
  JOB_FAILED,
  JOB_SUCCEEDED,
  JOB_DELETED,
  INCIDENT_CREATED,
  INCIDENT_RESOLVED,
  INCIDENT_DELETED,
  USER_OPERATION,
  MODEL_CALL,
  TOOL_CALL,
  TOOL_RESULT,
  RETRIEVAL,
  DECISION,
  TASK_FORM_OPENED,
  HUMAN_REVIEW,
  REVIEW_REFUSED,
  REPORT_GENERATED,
  SUBJECT_ERASED,
  IDENTITY_RESOLVED,
  PAYLOAD_EXPIRED,
  AUDIT_API_ACCESSED,
  /** A read of case data (history, variables) through the engine's REST API or the webapps' calls to it. */
  DATA_ACCESSED,
  /** Wrong credentials at the engine's REST API, a webapp's login or the plugin's API; bursts aggregated. */
  AUTHENTICATION_FAILED,
  EXTERNAL_TASK_LOCKED,
  EXTERNAL_TASK_LOCK_EXTENDED,
  EXTERNAL_TASK_UNLOCKED,
  EXTERNAL_TASK_COMPLETED,
  EXTERNAL_TASK_FAILED,
  EXTERNAL_TASK_BPMN_ERROR,
  CAPTURE_FAILED,
  /** A DMN decision the engine evaluated, for a business rule task or a {@code DecisionService} call. */
  DECISION_EVALUATED,
  /**
   * The log's summary of a case: how many events it has so far and the root of a Merkle tree over their leaves, so
   * that a case bundle proves it holds them all. Written by the sequencer, not by anything that happens in a case.
   */
  TRACE_SEALED,
  /** A run of continuous verification: the range of the log it verified, and whether it did (docs/events.md). */
  VERIFICATION_COMPLETED,
  /** An alert rule created, changed or deleted: who, and the rule before and after (docs/alerts.md). */
  ALERT_RULE_CHANGED,
  /** An alert a rule raised: the rule, the triggering events by id, the case. */
  ALERT_RAISED,
  /** An alert acknowledged: by whom and why. */
  ALERT_ACKNOWLEDGED;

  /** Computed once: every recorded event asks for its names. */
  private final String wireName = name().toLowerCase(Locale.ROOT);

  @JsonValue
  public String wireName() {
    return wireName;
  }

  public static Optional<EventType> fromWireName(String wireName) {
    return Arrays.stream(values()).filter(type -> type.wireName().equals(wireName)).findFirst();
  }
}
