package org.auditrail.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.h2.tools.SimpleResultSet;

/**
 * The rows of the {@code audit_event} view on H2 (development only), one per event of every command row, with the
 * columns the view has on PostgreSQL. H2 calls it as a table function.
 */
public final class H2EventView {

  private H2EventView() {}

  public static ResultSet events(Connection connection) throws SQLException {
    SimpleResultSet rows = new SimpleResultSet();
    for (String column : new String[] {"EVENT_ID", "TRACE_ID", "PARENT_EVENT_ID", "PROCESS_INSTANCE_ID",
        "BUSINESS_KEY", "ENTITY_ID", "EVENT_TYPE", "ACTOR_TYPE", "ACTOR_ID"}) {
      rows.addColumn(column, Types.VARCHAR, 255, 0);
    }
    rows.addColumn("EVENT_TIME", Types.TIMESTAMP_WITH_TIMEZONE, 0, 0);
    rows.addColumn("PAYLOAD", Types.CLOB, 0, 0);
    rows.addColumn("COMMAND_ID", Types.VARCHAR, 36, 0);
    rows.addColumn("LINE_NUMBER", Types.BIGINT, 0, 0);
    if (connection.getMetaData().getURL().equals("jdbc:columnlist:connection")) {
      // H2 asks for the columns alone when it compiles the view.
      return rows;
    }
    try (PreparedStatement query = connection.prepareStatement("select command_id, events from audit_command"
        + " order by first_event_time, command_id");
        ResultSet commands = query.executeQuery()) {
      while (commands.next()) {
        long lineNumber = 0;
        for (String json : CommandRow.lines(commands.getString(2))) {
          EventLine line = EventLine.parse(json);
          rows.addRow(line.eventId(), line.traceId(), line.parentEventId(),
              line.processInstanceId(), line.businessKey(), line.entityId(), line.eventType(),
              line.actorType(), line.actorId(),
              OffsetDateTime.ofInstant(line.time(), ZoneOffset.UTC), json, commands.getString(1), ++lineNumber);
        }
      }
    }
    return rows;
  }
}
