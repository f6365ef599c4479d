package org.auditrail.trail;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.auditrail.store.AuditStorageException;
import org.auditrail.store.AuditStore;
import org.auditrail.store.CaseCriteria;
import org.auditrail.store.CaseSummary;
import org.auditrail.store.ContentBlob;
import org.auditrail.store.EventCriteria;
import org.auditrail.store.EventStore;

/**
 * Answers an auditor's questions from the audit tables. Events come back as the exact JSON text that was stored,
 * in the order they were recorded.
 */
public final class AuditTrail {

  private final AuditStore store;

  public AuditTrail(AuditStore store) {
    this.store = store;
  }

  /** Every event of the case that a process instance (the root or any sub-process) belongs to. */
  public Optional<Trace> trace(String processInstanceId) {
    try {
      Optional<String> traceId = store.events().traceOf(processInstanceId);
      if (traceId.isEmpty()) {
        return Optional.empty();
      }
      List<String> events = store.events().trace(traceId.get()).stream().map(EventStore.EventText::json).toList();
      return Optional.of(new Trace(traceId.get(), processInstanceId, events));
    } catch (SQLException e) {
      throw failure("read the trail of process instance " + processInstanceId, e);
    }
  }

  /** The {@code trace_sealed} summaries the log sealed of a case, as stored, in the order recorded. */
  public List<EventStore.EventText> traceSummaries(String traceId) {
    try {
      return store.events().traceSummaries(traceId);
    } catch (SQLException e) {
      throw failure("read the trace summaries of case " + traceId, e);
    }
  }

  /** One page of the events that match a filter, oldest first, with the total count of matches. */
  public EventPage events(EventFilter filter) {
    EventCriteria criteria = (filter.eventType() == null ? EventCriteria.ofTypes() : EventCriteria.ofTypes(
        filter.eventType())).businessKey(filter.businessKey()).processInstanceId(filter.processInstanceId())
        .actorId(filter.actorId()).between(filter.from(), filter.to());
    try {
      EventStore.Page page = store.events().page(criteria, (long) filter.page() * filter.size(), filter.size());
      return new EventPage(filter.page(), filter.size(), page.total(), page.events());
    } catch (SQLException e) {
      throw failure("query audit events", e);
    }
  }

  /** One page of the cases that match a search, most recently active first, with the total count of matches. */
  public CasePage cases(CaseCriteria criteria, int page, int size) {
    try {
      EventStore.CasePage found = store.events().cases(criteria, (long) page * size, size);
      return new CasePage(page, size, found.total(), found.cases());
    } catch (SQLException e) {
      throw failure("search cases", e);
    }
  }

  /** The bytes stored under a SHA-256, if any. */
  public Optional<ContentBlob> content(String sha256) {
    try {
      return store.contents().find(sha256);
    } catch (SQLException e) {
      throw failure("read content " + sha256, e);
    }
  }

  /** How a payload removed under a retention policy was recorded: {@code <policy>\t<when>}. */
  public Optional<String> expiryOf(String sha256) {
    try {
      return store.expiries().expiryOf(sha256).map(expired -> expired.policy() + "\t" + expired.expiredAt());
    } catch (SQLException e) {
      throw failure("read the expiry of " + sha256, e);
    }
  }

  /** The {@code payload_expired} events that name a removed payload, as stored, oldest first. */
  public List<EventStore.EventText> expiryEvents(String sha256) {
    try {
      return store.events().expiriesOf(sha256);
    } catch (SQLException e) {
      throw failure("read the expiry events of " + sha256, e);
    }
  }

  private static AuditStorageException failure(String what, SQLException e) {
    return new AuditStorageException("AUDIT-014 could not " + what + ": " + e.getMessage(), e);
  }

  /** A case's events, as stored. */
  public record Trace(String traceId, String processInstanceId, List<String> events) {}

  /** A page of cases. */
  public record CasePage(int page, int size, long total, List<CaseSummary> cases) {}

  /** A page of events, as stored. */
  public record EventPage(int page, int size, long total, List<String> events) {}
}
