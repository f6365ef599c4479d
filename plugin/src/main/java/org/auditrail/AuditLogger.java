package org.auditrail;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All log messages of the plugin, each with a stable code (AUDIT-0xx) so that operators can grep and alert on them.
 */
public final class AuditLogger {

  private static final Logger LOG = LoggerFactory.getLogger("org.auditrail");

  private AuditLogger() {}

  public static void schemaMigrated(String database, int applied) {
    LOG.info("AUDIT-001 audit schema on {} is current ({} migration(s) applied)", database, applied);
  }

  public static void captureFailed(String what, Throwable cause) {
    LOG.error("AUDIT-002 could not map {} to an audit event; a capture_failed event records it instead", what, cause);
  }

  public static void noCommandContext(String what) {
    LOG.error("AUDIT-003 {} arrived outside an engine command; it cannot be written in the engine's transaction", what);
  }

  public static void parentUnresolved(String eventId, String scope) {
    LOG.debug("AUDIT-004 event {} has no recorded start event for scope {}; its parent_event_id stays empty", eventId, scope);
  }

  public static void apiAccessDenied(String userId, String path) {
    LOG.warn("AUDIT-005 user '{}' is not in an audit reader group and was refused {}", userId, path);
  }

  public static void signingKeyGenerated(String file, String vkey) {
    LOG.warn("AUDIT-030 generated a new checkpoint signing key at {}; back it up, keep it secret, and give auditors"
        + " its public key: {}", file, vkey);
  }

  public static void anchorFailed(String directory, Throwable cause) {
    LOG.error("AUDIT-031 the checkpoint could not be anchored in {}; the log is sealed but not anchored until this"
        + " is fixed", directory, cause);
  }

  public static void sealingFailed(Throwable cause) {
    LOG.error("AUDIT-032 sealing the audit log failed; it is retried, and events wait in audit_unsealed", cause);
  }

  public static void timestampFailed(String authority, Throwable cause) {
    LOG.error("AUDIT-035 the time-stamp authority {} did not stamp the checkpoint; the checkpoint is signed and"
        + " anchored, but has no time-stamp until this is fixed", authority, cause);
  }

  public static void accessNotRecorded(String userId, String path, Throwable cause) {
    LOG.error("AUDIT-015 the audit API access of user '{}' to {} could not be recorded", userId, path, cause);
  }

  public static void detachedEventDeferred(String eventId, String type, boolean toCommand, Throwable cause) {
    if (toCommand) {
      LOG.warn("AUDIT-041 the {} event {} could not be committed on its own; it is written with the engine's"
          + " transaction instead, and is lost if that transaction rolls back", type, eventId, cause);
    } else {
      LOG.error("AUDIT-042 the {} event {} could not be written on its own, and no engine transaction can carry it",
          type, eventId, cause);
    }
  }

  public static void toolResultNotKept(String tool, String idempotencyKey, Throwable cause) {
    LOG.error("AUDIT-043 tool '{}' ran, but its result could not be kept under idempotency key {}; a retry may call"
        + " it again", tool, idempotencyKey, cause);
  }

  public static void aiTaskChangeUnknown(String task, Throwable cause) {
    LOG.warn("AUDIT-044 could not compare AI task {} with its previous run", task, cause);
  }

  public static void reportFailed(String month, Throwable cause) {
    LOG.error("AUDIT-051 the compliance report of {} could not be generated", month, cause);
  }

  public static void privacyKeyGenerated(String file) {
    LOG.warn("AUDIT-063 generated a new privacy master key at {}; back it up and keep it secret: without it no"
        + " personal value in the vault can be read", file);
  }

  public static void crossSiteRequestRefused(String userId, String method, String path, String reason) {
    LOG.warn("AUDIT-070 refused a cross-site {} {} (user {}): {}", method, path, userId == null ? "unknown" : "'"
        + userId + "'", reason);
  }

  public static void apiRequestFailed(String method, String path, Throwable cause) {
    LOG.error("AUDIT-071 {} {} failed", method, path, cause);
  }

  public static void aiFieldsIgnored(String task, String processInstanceId, String fieldsJson) {
    LOG.warn("AUDIT-100 AI task {} in process instance {}: the model's answer has fields {} outside ai.output-fields;"
        + " they set no variable (a prompt injection may have asked for them)", task, processInstanceId, fieldsJson);
  }

  public static void privacyKeyRotated(String previousCheck, String currentCheck, int subjects) {
    LOG.warn("AUDIT-112 rotated the privacy master key from key check {} to {}: {} data subject key(s) re-wrapped;"
        + " the previous key is no longer needed once every node runs with the new one", previousCheck,
        currentCheck, subjects);
  }

  public static void anchorFolderMissing(String folder) {
    LOG.warn("AUDIT-136 the anchor folder {} does not exist: the log was verified without comparing its anchored"
        + " checkpoints, so a rollback of the database cannot be excluded", folder);
  }

  public static void personalValueNotKept(String variable, Throwable cause) {
    LOG.error("AUDIT-125 the personal value of {} could not be kept in the vault; the engine command fails, so that"
        + " the value is neither recorded in clear nor lost", variable, cause);
  }

  public static void actionNotRecorded(String type, String eventId, Throwable cause) {
    LOG.error("AUDIT-126 the {} event {} could not be written; the action it records was not carried out", type,
        eventId, cause);
  }

  public static void detachedWritesPoolOpened(String poolName, int size) {
    LOG.info("AUDIT-127 audit events that commit on their own use the pool {} of at most {} connection(s), apart"
        + " from the engine's", poolName, size);
  }

  public static void detachedWritesShareEnginePool(String dataSourceType) {
    LOG.warn("AUDIT-128 the engine's data source ({}) is not a HikariCP pool: audit events that commit on their own"
        + " share its connections", dataSourceType);
  }

  public static void timestampsUnchecked(String authority) {
    LOG.warn("AUDIT-137 the time-stamp tokens of {} are stored unchecked: set audit.log.timestamp-trust-store to"
        + " the authority's certificate so that a token that does not validate is refused", authority);
  }

  public static void tokenCollision(String token, String field, String keptField) {
    LOG.error("AUDIT-140 the token {} of a value of field '{}' already stands for another value (of field '{}');"
        + " the value is refused and the engine command fails", token, field, keptField);
  }

  public static void erasureIncomplete(String subjectId, String processInstanceId, Throwable cause) {
    LOG.error("AUDIT-141 the erasure of data subject {} stopped while removing them from the history of case {};"
        + " the subject's key is kept until it is complete, and a second erase request finishes it", subjectId,
        processInstanceId, cause);
  }

  public static void erasureResumed(String subjectId, int casesDone) {
    LOG.info("AUDIT-142 the erasure of data subject {} resumes after the {} case(s) it already cleaned", subjectId,
        casesDone);
  }

  public static void freeTextNotRedacted(String processInstanceId, Throwable cause) {
    LOG.error("AUDIT-145 the free text of process instance {} could not be searched for its personal values; the"
        + " engine command fails, so that the text is not recorded in clear", processInstanceId, cause);
  }

  public static void dataAccessNotRecorded(String userId, String path, Throwable cause) {
    LOG.error("AUDIT-160 the read of {} by user '{}' was not recorded; it is answered 503 not_recorded instead of"
        + " with the data", path, userId, cause);
  }

  public static void dataAccessQueueFull(String userId, String path, int capacity) {
    LOG.warn("AUDIT-161 the read of {} by user '{}' is refused with 503 not_recorded: {} reads already wait to be"
        + " recorded (audit.access.queue-capacity)", path, userId, capacity);
  }

  public static void authenticationFailureNotRecorded(String userId, String address, Throwable cause) {
    LOG.error("AUDIT-162 a failed login of user '{}' from {} could not be recorded", userId, address, cause);
  }

  public static void authenticationFailuresAggregated(String address, int after, java.time.Duration window) {
    LOG.warn("AUDIT-163 more than {} failed logins from {} within {}: further ones in this window are recorded as"
        + " one aggregate event", after, address, window);
  }

  /** Builds the exception too: the command fails rather than leave the worker's step unrecorded. */
  public static IllegalStateException externalTaskCommandUnreadable(String command, String field, Throwable cause) {
    String message = "AUDIT-155 field '" + field + "' of " + command + " cannot be read, so the external task"
        + " command cannot be recorded and fails; this Camunda version is not one the audit plugin supports";
    LOG.error(message, cause);
    return new IllegalStateException(message, cause);
  }

  public static void workerReportRefused(String userId, String externalTaskId, String workerId, String reason) {
    LOG.warn("AUDIT-156 user {} reported events about external task {} as worker {}, refused: {}", userId,
        externalTaskId, workerId, reason);
  }

  public static void workerReportInvalid(String userId, String externalTaskId, int problems) {
    LOG.info("AUDIT-157 a report by user {} about external task {} has {} problem(s); nothing of it was recorded",
        userId, externalTaskId, problems);
  }

  public static void conditionNotParsed(String condition, Throwable cause) {
    LOG.warn("AUDIT-150 the condition {} is not a JUEL expression the audit can parse; its gateway_decision events"
        + " carry no values of the variables it read", condition, cause);
  }

  public static void narrativeAnswerRefused(String processInstanceId, String reason) {
    LOG.warn("AUDIT-180 the model's narrative of case {} was refused as a whole and nothing of it is shown: {}",
        processInstanceId, reason);
  }

  public static void narrativeDropped(String processInstanceId, int sentences, int riskTags) {
    LOG.info("AUDIT-181 the check dropped {} sentence(s) and {} risk tag(s) of the model's narrative of case {};"
        + " the reasons are in its decision event", sentences, riskTags, processInstanceId);
  }

  public static void narrativeNotRecorded(String processInstanceId, String decisionEventId) {
    LOG.error("AUDIT-182 the narrative of case {} (decision {}) is not in the log after it was written, so it is"
        + " not shown", processInstanceId, decisionEventId);
  }
}
