package org.auditrail.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import org.auditrail.event.EventType;
import org.auditrail.store.AuditStorageException;
import org.auditrail.store.EventCriteria;
import org.auditrail.store.EventStore;

/** Reads the events of given types recorded in a month, in order, once, for every part of the report at once. */
final class ReportScan {

  private final EventStore events;

  ReportScan(EventStore events) {
    this.events = events;
  }

  void scan(ReportMonth month, Collection<String> eventTypes, List<Consumer<JsonNode>> readers) {
    EventCriteria criteria = EventCriteria.ofTypes(eventTypes.stream()
            .map(type -> EventType.fromWireName(type).orElseThrow(() -> new IllegalArgumentException(
                "no event type " + type)))
            .toList())
        .between(month.from(), month.to()).orderedBy(EventCriteria.Order.BY_TIME);
    try {
      events.scan(criteria, event -> readers.forEach(reader -> reader.accept(event)));
    } catch (SQLException e) {
      throw new AuditStorageException("AUDIT-050 the events of " + month.id() + " could not be read for the report: "
          + e.getMessage(), e);
    }
  }
}
