package org.auditrail.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.auditrail.event.EventJson;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cmd.DeleteHistoricVariableInstanceCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;

/**
 * Removes a data subject from the engine's history of one of their cases, in one engine transaction: the instances
 * of personal variables go through the engine's own deletion (which takes their {@code ACT_HI_DETAIL} updates and
 * byte arrays along); what the engine's API cannot do is done here, on the engine's {@code ACT_*} tables only:
 * JSON variables lose their personal fields, and every other text of the case's variables, variable updates and
 * form properties (in {@code TEXT_}, {@code TEXT2_}, or a byte array that is UTF-8 text) has the subject's clear
 * values replaced by their tokens, like the case's business key and the free text other history tables keep about
 * the case (task and activity names, delete reasons, incident and job messages with their stack traces, external
 * task errors, user operation values, comments and attachments). A binary value that holds a clear value cannot be
 * rewritten safely and is deleted.
 * This is the only class that writes the engine's tables.
 */
final class CaseHistoryEraser implements Command<ObjectNode> {

  private final String processInstanceId;
  private final Set<String> personalVariables;
  private final Map<String, Set<String>> personalFields;
  private final KnownValues known;
  private final Map<String, Integer> counts = new LinkedHashMap<>();
  private final SortedSet<String> variables = new TreeSet<>();

  /**
   * @param fields the fields of the subject's tokens: a variable name, or {@code variable.field} of a JSON variable
   * @param values the subject's clear values and their tokens, while the subject's key still exists
   */
  CaseHistoryEraser(String processInstanceId, Set<String> fields, Map<String, String> values) {
    this.processInstanceId = processInstanceId;
    this.personalVariables = new TreeSet<>();
    this.personalFields = new LinkedHashMap<>();
    for (String field : fields) {
      int dot = field.indexOf('.');
      if (dot < 0) {
        personalVariables.add(field);
      } else {
        personalFields.computeIfAbsent(field.substring(0, dot), name -> new TreeSet<>()).add(field.substring(dot + 1));
      }
    }
    this.known = new KnownValues(values);
    for (String kind : List.of("variable_instances_deleted", "variable_instances_rewritten", "details_deleted",
        "details_rewritten", "form_properties_deleted", "form_properties_rewritten", "byte_arrays_rewritten",
        "byte_arrays_deleted", "business_keys_rewritten", "texts_rewritten")) {
      counts.put(kind, 0);
    }
  }

  private record Row(String id, String type, String name, String variableInstanceId, String text, String text2,
      String byteArrayId) {}

  /**
   * A history table's free text about a case: texts that an expression, an exception or a user wrote (a task name
   * such as "Review ${customerName}", an incident message, a delete reason, a comment), its inline bytes, and the
   * byte array it points to (an exception's stack trace).
   */
  private record CaseText(String table, String caseColumn, List<String> texts, String bytes, String byteArrayId) {}

  private static final List<CaseText> CASE_TEXTS = List.of(
      new CaseText("ACT_HI_PROCINST", "PROC_INST_ID_", List.of("DELETE_REASON_"), null, null),
      new CaseText("ACT_HI_ACTINST", "PROC_INST_ID_", List.of("ACT_NAME_"), null, null),
      new CaseText("ACT_HI_TASKINST", "PROC_INST_ID_", List.of("NAME_", "DESCRIPTION_", "DELETE_REASON_"), null,
          null),
      new CaseText("ACT_HI_INCIDENT", "PROC_INST_ID_", List.of("INCIDENT_MSG_", "ANNOTATION_"), null, null),
      new CaseText("ACT_HI_JOB_LOG", "PROCESS_INSTANCE_ID_", List.of("JOB_EXCEPTION_MSG_"), null,
          "JOB_EXCEPTION_STACK_ID_"),
      new CaseText("ACT_HI_EXT_TASK_LOG", "PROC_INST_ID_", List.of("ERROR_MSG_"), null, "ERROR_DETAILS_ID_"),
      new CaseText("ACT_HI_OP_LOG", "PROC_INST_ID_", List.of("ORG_VALUE_", "NEW_VALUE_", "ANNOTATION_"), null,
          null),
      new CaseText("ACT_HI_COMMENT", "PROC_INST_ID_", List.of("MESSAGE_"), "FULL_MSG_", null),
      new CaseText("ACT_HI_ATTACHMENT", "PROC_INST_ID_", List.of("NAME_", "DESCRIPTION_"), null, null));

  /** What becomes of a row: kept as it was, rewritten without the subject, or deleted whole. */
  private enum Outcome { KEPT, REWRITTEN, TO_DELETE }

  @Override
  public ObjectNode execute(CommandContext context) {
    String tables = context.getProcessEngineConfiguration().getDatabaseTablePrefix();
    Connection connection = context.getDbSqlSession().getSqlSession().getConnection();
    try {
      List<String> deleted = new ArrayList<>();
      for (Row row : rows(connection, "select ID_, null, NAME_, null, TEXT_, TEXT2_, BYTEARRAY_ID_ from " + tables
          + "ACT_HI_VARINST where PROC_INST_ID_ = ?")) {
        Outcome outcome = personalVariables.contains(row.name()) ? Outcome.TO_DELETE
            : clean(connection, tables, "ACT_HI_VARINST", row);
        if (outcome == Outcome.TO_DELETE) {
          deleted.add(row.id());
          variables.add(row.name());
        } else if (outcome == Outcome.REWRITTEN) {
          count("variable_instances_rewritten");
          variables.add(row.name());
        }
      }
      for (Row row : rows(connection, "select ID_, TYPE_, NAME_, VAR_INST_ID_, TEXT_, TEXT2_, BYTEARRAY_ID_ from "
          + tables + "ACT_HI_DETAIL where PROC_INST_ID_ = ?")) {
        if (row.variableInstanceId() != null && deleted.contains(row.variableInstanceId())) {
          count("details_deleted"); // by the engine, with their variable instance, below
          continue;
        }
        boolean form = "FormProperty".equals(row.type());
        Outcome outcome = personalVariables.contains(row.name()) ? Outcome.TO_DELETE
            : clean(connection, tables, "ACT_HI_DETAIL", row);
        if (outcome == Outcome.TO_DELETE) {
          deleteDetail(connection, tables, row);
          count(form ? "form_properties_deleted" : "details_deleted");
          variables.add(row.name());
        } else if (outcome == Outcome.REWRITTEN) {
          count(form ? "form_properties_rewritten" : "details_rewritten");
          variables.add(row.name());
        }
      }
      String businessKey = businessKey(connection, tables);
      String carried = businessKey == null ? null : without(null, businessKey);
      if (carried != null && !carried.equals(businessKey)) {
        update(connection, "update " + tables + "ACT_HI_PROCINST set BUSINESS_KEY_ = ? where PROC_INST_ID_ = ?",
            carried, processInstanceId);
        count("business_keys_rewritten");
      }
      for (CaseText caseText : CASE_TEXTS) {
        rewrite(connection, tables, caseText);
      }
      for (String variableInstanceId : deleted) {
        new DeleteHistoricVariableInstanceCmd(variableInstanceId).execute(context);
        count("variable_instances_deleted");
      }
    } catch (SQLException e) {
      throw new ProcessEngineException("AUDIT-141 the history of case " + processInstanceId + " could not be"
          + " cleaned: " + e.getMessage(), e);
    }
    ObjectNode removed = EventJson.mapper().createObjectNode();
    counts.forEach(removed::put);
    variables.forEach(removed.putArray("variables")::add);
    return removed;
  }

  /** Rewrites the row's texts and byte array without the subject's values, or tells that it holds one in binary. */
  private Outcome clean(Connection connection, String tables, String table, Row row) throws SQLException {
    Outcome outcome = Outcome.KEPT;
    String text = without(row.name(), row.text());
    String text2 = without(row.name(), row.text2());
    if (!same(text, row.text()) || !same(text2, row.text2())) {
      update(connection, "update " + tables + table + " set TEXT_ = ?, TEXT2_ = ? where ID_ = ?", text, text2,
          row.id());
      outcome = Outcome.REWRITTEN;
    }
    if (row.byteArrayId() == null) {
      return outcome;
    }
    byte[] bytes = byteArray(connection, tables, row.byteArrayId());
    if (bytes == null) {
      return outcome;
    }
    if (utf8(bytes) == null) {
      return holdsValue(bytes) ? Outcome.TO_DELETE : outcome;
    }
    return rewriteByteArray(connection, tables, row.byteArrayId(), bytes, row.name()) ? Outcome.REWRITTEN : outcome;
  }

  /** Rewrites a table's free text about the case with the subject's values as their tokens. */
  private void rewrite(Connection connection, String tables, CaseText caseText) throws SQLException {
    List<String> columns = new ArrayList<>(caseText.texts());
    if (caseText.bytes() != null) {
      columns.add(caseText.bytes());
    }
    if (caseText.byteArrayId() != null) {
      columns.add(caseText.byteArrayId());
    }
    String table = tables + caseText.table();
    try (PreparedStatement query = connection.prepareStatement("select ID_, " + String.join(", ", columns)
        + " from " + table + " where " + caseText.caseColumn() + " = ?")) {
      query.setString(1, processInstanceId);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          String id = rows.getString(1);
          for (int i = 0; i < caseText.texts().size(); i++) {
            String text = rows.getString(i + 2);
            String cleaned = without(null, text);
            if (!same(cleaned, text)) {
              update(connection, "update " + table + " set " + caseText.texts().get(i) + " = ? where ID_ = ?",
                  cleaned, id);
              count("texts_rewritten");
            }
          }
          int next = caseText.texts().size() + 2;
          if (caseText.bytes() != null) {
            byte[] cleaned = withoutInBytes(rows.getBytes(next), null);
            if (cleaned != null) {
              try (PreparedStatement update = connection.prepareStatement(
                  "update " + table + " set " + caseText.bytes() + " = ? where ID_ = ?")) {
                update.setBytes(1, cleaned);
                update.setString(2, id);
                update.executeUpdate();
              }
              count("texts_rewritten");
            }
            next++;
          }
          String byteArrayId = caseText.byteArrayId() == null ? null : rows.getString(next);
          if (byteArrayId != null) {
            rewriteByteArray(connection, tables, byteArrayId, byteArray(connection, tables, byteArrayId), null);
          }
        }
      }
    }
  }

  /**
   * The bytes, when they are UTF-8 text that holds a value of the subject (or a personal field of its JSON
   * variable), without it; {@code null} when there is nothing to rewrite.
   */
  private byte[] withoutInBytes(byte[] bytes, String variableName) {
    String content = bytes == null ? null : utf8(bytes);
    String cleaned = without(variableName, content);
    return content == null || cleaned.equals(content) ? null : cleaned.getBytes(StandardCharsets.UTF_8);
  }

  /** Rewrites a byte array that is UTF-8 text without the subject; answers whether it changed. */
  private boolean rewriteByteArray(Connection connection, String tables, String byteArrayId, byte[] bytes,
      String variableName) throws SQLException {
    byte[] cleaned = withoutInBytes(bytes, variableName);
    if (cleaned == null) {
      return false;
    }
    try (PreparedStatement update = connection.prepareStatement(
        "update " + tables + "ACT_GE_BYTEARRAY set BYTES_ = ? where ID_ = ?")) {
      update.setBytes(1, cleaned);
      update.setString(2, byteArrayId);
      update.executeUpdate();
    }
    count("byte_arrays_rewritten");
    return true;
  }

  /** The text without the personal fields of its JSON variable and with the subject's values as their tokens. */
  private String without(String variableName, String text) {
    if (text == null) {
      return null;
    }
    String cleaned = text;
    Set<String> fields = personalFields.get(variableName);
    if (fields != null) {
      cleaned = withoutFields(cleaned, fields);
    }
    return known.replaceIn(cleaned);
  }

  private static String withoutFields(String text, Set<String> fields) {
    try {
      JsonNode json = EventJson.mapper().readTree(text);
      if (json instanceof ObjectNode object && fields.stream().anyMatch(object::has)) {
        object.remove(fields);
        return EventJson.mapper().writeValueAsString(object);
      }
    } catch (JsonProcessingException e) {
      // Not JSON: the values themselves are replaced like in any other text.
    }
    return text;
  }

  private boolean holdsValue(byte[] bytes) {
    String latin = new String(bytes, StandardCharsets.ISO_8859_1);
    return known.values().stream().anyMatch(
        value -> latin.contains(new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1)));
  }

  private void deleteDetail(Connection connection, String tables, Row row) throws SQLException {
    update(connection, "delete from " + tables + "ACT_HI_DETAIL where ID_ = ?", row.id());
    if (row.byteArrayId() != null) {
      update(connection, "delete from " + tables + "ACT_GE_BYTEARRAY where ID_ = ?", row.byteArrayId());
      count("byte_arrays_deleted");
    }
  }

  private List<Row> rows(Connection connection, String sql) throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      query.setString(1, processInstanceId);
      try (ResultSet result = query.executeQuery()) {
        while (result.next()) {
          rows.add(new Row(result.getString(1), result.getString(2), result.getString(3), result.getString(4),
              result.getString(5), result.getString(6), result.getString(7)));
        }
      }
    }
    return rows;
  }

  private String businessKey(Connection connection, String tables) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(
        "select BUSINESS_KEY_ from " + tables + "ACT_HI_PROCINST where PROC_INST_ID_ = ?")) {
      query.setString(1, processInstanceId);
      try (ResultSet row = query.executeQuery()) {
        return row.next() ? row.getString(1) : null;
      }
    }
  }

  private static byte[] byteArray(Connection connection, String tables, String id) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(
        "select BYTES_ from " + tables + "ACT_GE_BYTEARRAY where ID_ = ?")) {
      query.setString(1, id);
      try (ResultSet row = query.executeQuery()) {
        return row.next() ? row.getBytes(1) : null;
      }
    }
  }

  private static void update(Connection connection, String sql, String... parameters) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        update.setString(i + 1, parameters[i]);
      }
      update.executeUpdate();
    }
  }

  /** The bytes as text when they are valid UTF-8, otherwise {@code null}. */
  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static boolean same(String a, String b) {
    return a == null ? b == null : a.equals(b);
  }

  private void count(String kind) {
    counts.merge(kind, 1, Integer::sum);
  }
}
