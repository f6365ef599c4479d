package org.auditrail.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.auditrail.event.EventJson;
import org.auditrail.store.AuditStorageException;

/** Reads the events of given types recorded in a month, in order, once, for every part of the report at once. */
final class ReportScan {

  private static final int FETCH_SIZE = 1000;

  private final DataSource dataSource;

  ReportScan(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  void scan(ReportMonth month, Collection<String> eventTypes, List<Consumer<JsonNode>> readers) {
    String placeholders = String.join(", ", eventTypes.stream().map(type -> "?").toList());
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query = connection.prepareStatement("select payload from audit_event where event_time >= ?"
            + " and event_time < ? and event_type in (" + placeholders + ") order by event_time, event_id")) {
      query.setFetchSize(FETCH_SIZE);
      query.setObject(1, OffsetDateTime.ofInstant(month.from(), ZoneOffset.UTC));
      query.setObject(2, OffsetDateTime.ofInstant(month.to(), ZoneOffset.UTC));
      int index = 3;
      for (String type : eventTypes) {
        query.setString(index++, type);
      }
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          JsonNode event = EventJson.mapper().readTree(rows.getString(1));
          readers.forEach(reader -> reader.accept(event));
        }
      }
    } catch (SQLException | JsonProcessingException e) {
      throw new AuditStorageException("AUDIT-050 the events of " + month.id() + " could not be read for the report: "
          + e.getMessage(), e);
    }
  }
}
