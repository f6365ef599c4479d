package org.auditrail.capture;

import java.util.function.Consumer;
import java.util.function.Supplier;
import org.auditrail.AuditLogger;
import org.auditrail.event.EventContext;
import org.auditrail.event.EventError;
import org.auditrail.event.EventType;
import org.auditrail.event.Outcome;
import org.auditrail.store.EventStore;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;

/**
 * What the capture components share: the settings, the event store, the definition fingerprints and the scope cache;
 * and the one way they add an event to the running command's buffer.
 */
final class AuditRecorder {

  final CaptureSettings settings;
  final StartedScopeCache scopes;
  final DefinitionSnapshots snapshots = new DefinitionSnapshots();
  private volatile EventStore events;
  private volatile Supplier<PersonalData> personalData = () -> PersonalData.NONE;

  AuditRecorder(CaptureSettings settings) {
    this.settings = settings;
    this.scopes = new StartedScopeCache(settings.scopeCacheSize());
  }

  void useEvents(EventStore events) {
    this.events = events;
  }

  EventStore events() {
    return events;
  }

  void usePersonalData(Supplier<PersonalData> source) {
    this.personalData = source;
  }

  PersonalData personalData() {
    return personalData.get();
  }

  /** The running command's buffer, or {@code null} (logged) when the engine calls outside a command. */
  CommandAuditBuffer buffer(String what) {
    CommandContext commandContext = Context.getCommandContext();
    if (commandContext == null) {
      AuditLogger.noCommandContext(what);
      return null;
    }
    return commandContext.getSession(CommandAuditBuffer.class);
  }

  /**
   * Builds an event of the running command with its actor, lets the caller fill it, and buffers it. When filling
   * fails, a capture_failed event that names the cause is buffered instead, so that no step goes unrecorded; except
   * when a personal value could not be tokenized, which fails the command (see {@link PersonalData#tokenFor}).
   */
  void record(String what, EventType type, EventContext.Builder context, Consumer<PendingEvent> filler) {
    CommandAuditBuffer buffer = buffer(what);
    if (buffer == null) {
      return;
    }
    CommandContext commandContext = Context.getCommandContext();
    EventContext built = buffer.complete(context, commandContext).build();
    PendingEvent event = new PendingEvent(type, ActorResolver.current(commandContext), built);
    try {
      event.snapshot = snapshots.of(built.processDefinitionId(), commandContext);
      filler.accept(event);
      buffer.add(event);
    } catch (PersonalValueNotKeptException e) {
      throw e;
    } catch (RuntimeException e) {
      AuditLogger.captureFailed(what, e);
      PendingEvent failure = new PendingEvent(EventType.CAPTURE_FAILED, event.actor, built);
      failure.traceId = event.traceId;
      failure.parentScope = event.parentScope;
      failure.outcome = Outcome.ERROR;
      failure.error = new EventError(e.getClass().getName(), e.getMessage());
      failure.metadata().put("intended_event_type", type.wireName());
      failure.metadata().put("source", what);
      buffer.add(failure);
    }
  }
}
