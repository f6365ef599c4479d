package org.auditrail.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.auditrail.AuditLogger;
import org.auditrail.capture.FreeTextNotRedactedException;
import org.auditrail.capture.PersonalData;
import org.auditrail.capture.PersonalValueNotKeptException;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;

/**
 * Tokenization at the boundary: the variables declared personal are replaced by tokens of the vault before they
 * reach an audit event or a model prompt. A process instance's data subject is identified by the value of the
 * subject variable (such as a customer number); until it is known, the case itself is the subject.
 */
public final class PersonalDataTokens implements PersonalData {

  private final SubjectVault vault;
  private final Set<String> personalVariables;
  private final Map<String, Set<String>> personalFields;
  private final String subjectVariable;
  private final boolean personalBusinessKey;
  private final FreeTextTokens freeText;

  /**
   * @param personal the process variables that hold personal data, in every process, and top-level fields of JSON
   *     variables as {@code variable.field}
   * @param subjectVariable the variable whose value identifies the data subject of a case
   */
  public PersonalDataTokens(SubjectVault vault, Set<String> personal, String subjectVariable) {
    this(vault, personal, subjectVariable, false);
  }

  /** @param personalBusinessKey whether business keys are personal: events carry their tokens */
  public PersonalDataTokens(SubjectVault vault, Set<String> personal, String subjectVariable,
      boolean personalBusinessKey) {
    this.vault = vault;
    this.personalBusinessKey = personalBusinessKey;
    this.personalVariables = personal.stream().filter(name -> !name.contains(".")).collect(Collectors.toSet());
    this.personalFields = personal.stream().filter(name -> name.contains("."))
        .collect(Collectors.groupingBy(name -> name.substring(0, name.indexOf('.')),
            Collectors.mapping(name -> name.substring(name.indexOf('.') + 1), Collectors.toSet())));
    this.subjectVariable = subjectVariable;
    this.freeText = new FreeTextTokens(this::knownValues);
  }

  @Override
  public Set<String> personalFields(String variableName) {
    return personalFields.getOrDefault(variableName, Set.of());
  }

  /** Personal when configured so, or when the process model declares it (an AI task's {@code ai.personal-variables}). */
  @Override
  public boolean isPersonal(String processDefinitionId, String variableName) {
    if (personalVariables.contains(variableName)) {
      return true;
    }
    CommandContext commandContext = Context.getCommandContext();
    if (commandContext == null || processDefinitionId == null) {
      return false;
    }
    ProcessDefinitionEntity definition = commandContext.getProcessEngineConfiguration().getDeploymentCache()
        .findDeployedProcessDefinitionById(processDefinitionId);
    return definition != null && definition.getProperty(DECLARED) instanceof Set<?> declared
        && declared.contains(variableName);
  }

  /**
   * The subject variable's value is tokenized for its person; every other personal value for its case, so that a
   * value has one token in the whole case whenever it arrives. Once the case's person is known, the vault moves the
   * case's values to that person.
   */
  @Override
  public String tokenFor(String processInstanceId, String variableName, String value) {
    try {
      String token = tokenize(processInstanceId, variableName, value);
      freeText.remember(processInstanceId, value, token);
      return token;
    } catch (RuntimeException e) {
      AuditLogger.personalValueNotKept(variableName, e);
      throw new PersonalValueNotKeptException(variableName, e);
    }
  }

  /** Kept for the case's subject like any personal value of the case, under the key's own index token. */
  @Override
  public String businessKeyFor(String processInstanceId, String businessKey) {
    if (!personalBusinessKey) {
      return businessKey;
    }
    try {
      String token = vault.tokenizeBusinessKey(caseSubject(processInstanceId), businessKey);
      String person = personOf(processInstanceId);
      if (person != null) {
        vault.adopt(caseSubject(processInstanceId), person);
      }
      return token;
    } catch (RuntimeException e) {
      AuditLogger.personalValueNotKept("the business key", e);
      throw new PersonalValueNotKeptException("the business key", e);
    }
  }

  @Override
  public String businessKeyIndex(String businessKey) {
    return personalBusinessKey ? vault.businessKeyToken(businessKey) : businessKey;
  }

  private String tokenize(String processInstanceId, String variableName, String value) {
    if (variableName.equals(subjectVariable)) {
      String token = vault.tokenize(value, variableName, value);
      vault.adopt(caseSubject(processInstanceId), value);
      return token;
    }
    String token = vault.tokenize(caseSubject(processInstanceId), variableName, value);
    String person = personOf(processInstanceId);
    if (person != null) {
      vault.adopt(caseSubject(processInstanceId), person);
    }
    return token;
  }

  /**
   * The case's known personal values replaced by their tokens: those the vault holds for the case and for its
   * person, read once per command; values under three characters stay (see {@link FreeTextTokens}).
   */
  @Override
  public String redact(String processInstanceId, String text) {
    try {
      return freeText.redact(processInstanceId, text);
    } catch (RuntimeException e) {
      AuditLogger.freeTextNotRedacted(processInstanceId, e);
      throw new FreeTextNotRedactedException(processInstanceId, e);
    }
  }

  private Map<String, String> knownValues(String processInstanceId) {
    List<String> subjects = new ArrayList<>();
    subjects.add(caseSubject(processInstanceId));
    String person = personOf(processInstanceId);
    if (person != null) {
      subjects.add(person);
    }
    return vault.valuesOf(subjects);
  }

  private static String caseSubject(String processInstanceId) {
    return "case " + processInstanceId;
  }

  private String personOf(String processInstanceId) {
    CommandContext commandContext = Context.getCommandContext();
    ExecutionEntity instance = commandContext == null || processInstanceId == null || subjectVariable == null ? null
        : commandContext.getExecutionManager().findExecutionById(processInstanceId);
    Object person = instance == null ? null : instance.getVariable(subjectVariable);
    return person == null ? null : person.toString();
  }
}
