package org.auditrail.capture;

import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.auditrail.AuditLogger;
import org.auditrail.event.AuditEvent;
import org.auditrail.store.ContentBlob;
import org.auditrail.store.EventStore;

/**
 * Commits events in transactions of their own, apart from the engine's, for what happened even if the engine's
 * transaction rolls back: a model call (its data was sent, its cost incurred), a refused review. If the database
 * refuses that write, the event is handed to the running engine command instead, so that it is not dropped. An event
 * that records a disclosure or a destruction is written before the action instead, which does not happen without it.
 */
public final class DetachedEventLog {

  private final EventStore events;
  private final Supplier<PersonalData> personalData;

  public DetachedEventLog(EventStore events) {
    this(events, () -> PersonalData.NONE);
  }

  /** @param personalData how events carry business keys, asked at each write */
  public DetachedEventLog(EventStore events, Supplier<PersonalData> personalData) {
    this.events = events;
    this.personalData = personalData;
  }

  private List<AuditEvent> carried(AuditEvent event) {
    return personalData.get().withBusinessKeys(List.of(event));
  }

  public void append(AuditEvent event, Collection<ContentBlob> blobs) {
    try {
      events.appendDetached(carried(event), blobs);
    } catch (SQLException | RuntimeException e) {
      Optional<RunningCommand> command = RunningCommand.current();
      AuditLogger.detachedEventDeferred(event.eventId(), event.eventType().wireName(), command.isPresent(), e);
      command.ifPresent(running -> running.keep(event, blobs));
    }
  }

  /**
   * Commits an event on its own, with no fallback: for an event about a command that is about to fail, whose
   * transaction could not carry it.
   */
  public void appendDetached(AuditEvent event, Collection<ContentBlob> blobs) {
    try {
      events.appendDetached(carried(event), blobs);
    } catch (SQLException | RuntimeException e) {
      AuditLogger.detachedEventDeferred(event.eventId(), event.eventType().wireName(), false, e);
    }
  }

  /**
   * Commits the event that records a disclosure or a destruction (an identity resolved, a subject erased, a report
   * handed out) before the action, inside an engine command or not: the caller carries the action out only when
   * this returns.
   *
   * @throws ActionNotRecordedException when the event could not be written; the action must not happen
   */
  public void appendBeforeAction(AuditEvent event, Collection<ContentBlob> blobs) {
    try {
      events.appendDetached(carried(event), blobs);
    } catch (SQLException | RuntimeException e) {
      AuditLogger.actionNotRecorded(event.eventType().wireName(), event.eventId(), e);
      throw new ActionNotRecordedException(event.eventType().wireName(), event.eventId(), e);
    }
  }
}
