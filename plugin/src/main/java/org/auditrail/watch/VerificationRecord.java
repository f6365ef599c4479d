package org.auditrail.watch;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.auditrail.event.Actor;
import org.auditrail.event.AuditEvent;
import org.auditrail.event.EventContext;
import org.auditrail.event.EventError;
import org.auditrail.event.EventIds;
import org.auditrail.event.EventJson;
import org.auditrail.event.EventType;
import org.auditrail.event.Outcome;
import org.auditrail.verify.log.Finding;

/**
 * A run as its {@code verification_completed} event (see docs/events.md): its range, kind, result, problems and
 * duration in {@code output}; outcome {@code error} when it found the log tampered with.
 */
final class VerificationRecord {

  static final Actor WATCH = Actor.system("audit-watch", null);

  private VerificationRecord() {}

  static AuditEvent of(VerificationRun run, Instant at) {
    ObjectNode output = EventJson.mapper().createObjectNode()
        .put("kind", run.kind().wireName())
        .put("result", run.verified() ? "verified" : "failed")
        .put("from_index", run.fromIndex())
        .put("to_index", run.toIndex())
        .put("from_checkpoint_size", run.fromCheckpointSize())
        .put("to_checkpoint_size", run.toCheckpointSize())
        .put("events_checked", run.eventsChecked())
        .put("anchors_checked", run.anchorsChecked())
        .put("duration_ms", run.duration().toMillis());
    ArrayNode problems = output.putArray("problems");
    for (Finding finding : run.problems()) {
      ObjectNode problem = problems.addObject().put("problem", finding.problem().wireName())
          .put("event_id", finding.eventId()).put("detail", finding.detail());
      if (finding.logIndex() == null) {
        problem.putNull("log_index");
      } else {
        problem.put("log_index", finding.logIndex());
      }
    }
    EventError error = run.verified() ? null : new EventError("verification_failed", run.problems().size()
        + " problem(s); first: " + run.problems().get(0));
    Instant millis = Instant.ofEpochMilli(at.toEpochMilli());
    return new AuditEvent(EventIds.next(), EventIds.dailyTrace("verification", millis), null, millis,
        WATCH, EventType.VERIFICATION_COMPLETED, EventContext.builder().build(), null, null, output, null,
        run.verified() ? Outcome.SUCCESS : Outcome.ERROR, error);
  }
}
