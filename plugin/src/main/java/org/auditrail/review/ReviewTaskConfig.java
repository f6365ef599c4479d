package org.auditrail.review;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.auditrail.capture.ElementProperties;

/**
 * A user task that reviews an AI task's output, as the process modeller marked it with these {@code camunda:property}
 * entries (the element template {@code bpmn/ai-review-task.json} fills them).
 *
 * @param aiTask {@code review.ai-task}: the id of the AI task whose draft is reviewed
 * @param draftFields {@code review.draft-fields}: the draft's fields the form lets the reviewer edit (comma-separated;
 *     empty: every top-level field of the draft)
 * @param decisionField {@code review.decision-field}: the form field with the decision: {@code approve},
 *     {@code reject} or {@code escalate}, or a boolean (true approves, false rejects)
 * @param reasonField {@code review.reason-field}: the form field with the reviewer's reasoning, required when the
 *     reviewer changes the draft, rejects or escalates
 * @param fourEyes {@code review.four-eyes}: who may not approve: {@code initiator} (the user who started the case),
 *     {@code drafter} (the user whose action ran the AI task); default both, {@code none} for neither
 */
public record ReviewTaskConfig(String aiTask, List<String> draftFields, String decisionField, String reasonField,
    Set<FourEyesRule> fourEyes) {

  private static final String PREFIX = "review.";

  public static final String AI_TASK = "review.ai-task";
  public static final String DRAFT_FIELDS = "review.draft-fields";
  public static final String DECISION_FIELD = "review.decision-field";
  public static final String REASON_FIELD = "review.reason-field";
  public static final String FOUR_EYES = "review.four-eyes";

  private static final List<String> KNOWN = List.of(AI_TASK, DRAFT_FIELDS, DECISION_FIELD, REASON_FIELD, FOUR_EYES);

  /** The users the four-eyes principle keeps from approving an AI draft. */
  public enum FourEyesRule {
    INITIATOR,
    DRAFTER;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static boolean isReviewTask(Map<String, String> properties) {
    return ElementProperties.declare(properties, PREFIX);
  }

  /**
   * Reads and checks the properties of one element.
   *
   * @throws IllegalArgumentException naming the element and every field that is missing or malformed
   */
  public static ReviewTaskConfig from(String where, Map<String, String> properties) {
    ElementProperties element = new ElementProperties(properties, PREFIX);
    String aiTask = element.required(AI_TASK);
    String decision = element.required(DECISION_FIELD);
    String reason = element.required(REASON_FIELD);
    List<String> fields = element.list(DRAFT_FIELDS);
    Set<FourEyesRule> fourEyes = new LinkedHashSet<>();
    List<String> rules = element.list(FOUR_EYES);
    if (rules.isEmpty()) {
      fourEyes.addAll(List.of(FourEyesRule.values()));
    }
    for (String rule : rules) {
      if (rule.equals("none")) {
        continue;
      }
      try {
        fourEyes.add(FourEyesRule.valueOf(rule.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        element.problem(FOUR_EYES + " '" + rule + "' is not one of initiator, drafter, none");
      }
    }
    List<String> problems = element.problems(KNOWN);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(describe(where, problems));
    }
    return new ReviewTaskConfig(aiTask, fields, decision, reason, Set.copyOf(fourEyes));
  }

  static String describe(String where, List<String> problems) {
    return "Review task '" + where + "': " + String.join("; ", problems);
  }
}
