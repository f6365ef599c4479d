package org.auditrail;

import java.sql.Clob;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.h2.api.Trigger;

/**
 * An H2 trigger that refuses inserted, changed or deleted rows whose text contains what its trigger's name was given
 * to refuse.
 */
public class RefusingTrigger implements Trigger {

  private static final Map<String, String> REFUSED = new ConcurrentHashMap<>();

  private String refused;

  static void refuse(String triggerName, String text) {
    REFUSED.put(triggerName.toUpperCase(), text);
  }

  @Override
  public void init(Connection connection, String schema, String triggerName, String table, boolean before,
      int type) {
    refused = REFUSED.get(triggerName.toUpperCase());
  }

  @Override
  public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
    StringBuilder text = new StringBuilder();
    for (Object value : newRow != null ? newRow : oldRow) {
      text.append(value instanceof Clob clob ? clob.getSubString(1, (int) clob.length()) : String.valueOf(value));
    }
    if (text.toString().contains(refused)) {
      throw new SQLException("row refused for the test");
    }
  }
}
