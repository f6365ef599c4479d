package org.auditrail.capture;

import java.util.List;
import java.util.Set;
import org.auditrail.event.AuditEvent;

/**
 * Which variables hold personal data, and the stable token that stands for a personal value wherever the audit trail
 * or a model prompt would otherwise carry it.
 */
public interface PersonalData {

  /** No variable is personal. */
  PersonalData NONE = new PersonalData() {
    @Override
    public boolean isPersonal(String processDefinitionId, String variableName) {
      return false;
    }

    @Override
    public Set<String> personalFields(String variableName) {
      return Set.of();
    }

    @Override
    public String tokenFor(String processInstanceId, String variableName, String value) {
      return value;
    }
  };

  /**
   * The business key of a process instance as events carry it: the key itself, or its token when business keys
   * are personal.
   *
   * @throws PersonalValueNotKeptException like {@link #tokenFor}
   */
  default String businessKeyFor(String processInstanceId, String businessKey) {
    return businessKey;
  }

  /** The business key as events carry it, for finding a case by its clear key; nothing is kept. */
  default String businessKeyIndex(String businessKey) {
    return businessKey;
  }

  /** Events with their business keys as events carry them; the same events when business keys are not personal. */
  default List<AuditEvent> withBusinessKeys(List<AuditEvent> events) {
    return events.stream().map(event -> event.context() == null || event.context().businessKey() == null ? event
        : event.withContext(event.context().withBusinessKey(
            businessKeyFor(event.context().processInstanceId(), event.context().businessKey())))).toList();
  }

  /** The activity property under which a deployed process definition lists the variables its model declares personal. */
  String DECLARED = "auditrail.personalVariables";

  boolean isPersonal(String processDefinitionId, String variableName);

  /**
   * The top-level fields of a JSON variable that hold personal data (declared as {@code variable.field}); each is
   * tokenized as the field {@code variable.field}.
   */
  Set<String> personalFields(String variableName);

  /**
   * The token of a personal value of a process instance; the same value of the same field always gets the same
   * token, and the token belongs to the instance's data subject.
   *
   * @throws PersonalValueNotKeptException when the value cannot be tokenized: the engine command fails with it,
   *     rather than record the value in clear or lose it
   */
  String tokenFor(String processInstanceId, String variableName, String value);

  /**
   * Free text of a case (a reviewer's reason, an incident message, a task name, a tool result, a model answer) with
   * the case's known personal values replaced by their tokens. Only values the vault already holds for the case's
   * data subject(s) can be recognized; a name the vault has never seen stays as it was written.
   *
   * @throws PersonalValueNotKeptException when the known values cannot be read: the engine command fails with it,
   *     rather than record the text in clear
   */
  default String redact(String processInstanceId, String text) {
    return text;
  }
}
