package org.auditrail.capture;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.auditrail.AuditLogger;
import org.camunda.bpm.impl.juel.Builder;
import org.camunda.bpm.impl.juel.IdentifierNode;
import org.camunda.bpm.impl.juel.TreeBuilderException;

/**
 * The names a condition expression reads, as the engine's own JUEL parser sees them: for {@code ${riskScore >= 50}},
 * {@code riskScore}; for {@code ${applicant.age > 17}}, {@code applicant}. Parsing the deployed text, rather than
 * watching the variable scope while the engine evaluates, needs no change to how conditions run and works on the
 * gateway's "take" listener after the fact; the variables cannot change between the evaluation and the take.
 * Each deployed text is parsed once per node.
 */
final class ConditionVariables {

  /** With the features the engine's expression manager enables, so that every deployable condition parses. */
  private static final Builder PARSER = new Builder(Builder.Feature.METHOD_INVOCATIONS, Builder.Feature.VARARGS);

  private final Map<String, List<String>> byExpression = new ConcurrentHashMap<>();

  /** The identifiers of a JUEL condition, in order of appearance; none for a script or an unparseable text. */
  List<String> of(String condition) {
    if (condition == null || !(condition.contains("${") || condition.contains("#{"))) {
      return List.of();
    }
    return byExpression.computeIfAbsent(condition, ConditionVariables::parse);
  }

  private static List<String> parse(String condition) {
    try {
      List<String> names = new ArrayList<>();
      for (IdentifierNode identifier : PARSER.build(condition).getIdentifierNodes()) {
        if (!names.contains(identifier.getName())) {
          names.add(identifier.getName());
        }
      }
      return List.copyOf(names);
    } catch (TreeBuilderException e) {
      AuditLogger.conditionNotParsed(condition, e);
      return List.of();
    }
  }
}
