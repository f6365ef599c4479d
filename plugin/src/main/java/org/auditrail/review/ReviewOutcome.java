package org.auditrail.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.flipkart.zjsonpatch.DiffFlags;
import com.flipkart.zjsonpatch.JsonDiff;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.auditrail.event.EventJson;

/**
 * What a reviewer did with an AI draft: the action, and the field-level change from the draft to what was submitted
 * as an RFC 6902 JSON Patch (each {@code replace} also carries the draft's value as {@code fromValue}).
 *
 * @param draft the draft's reviewable fields
 * @param submitted the same fields as the reviewer submitted them
 */
public record ReviewOutcome(Action action, JsonNode draft, JsonNode submitted, ArrayNode patch, String reason) {

  private static final EnumSet<DiffFlags> FIELD_LEVEL = EnumSet.of(DiffFlags.OMIT_MOVE_OPERATION,
      DiffFlags.OMIT_COPY_OPERATION, DiffFlags.ADD_ORIGINAL_VALUE_ON_REPLACE);

  /** What the reviewer did: took the draft as it was, changed it and approved, rejected it, or escalated it. */
  public enum Action {
    APPROVE,
    EDIT,
    REJECT,
    ESCALATE;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * @param draftObject the AI task's output (a JSON object; a text output has no fields to compare)
   * @param fields the reviewable fields; empty for every top-level field of the draft
   * @param submittedValues the process variables after the reviewer submitted the form
   * @param decision the decision field's value: approve, reject, escalate, or a boolean
   * @throws IllegalArgumentException if the decision is none of these
   */
  public static ReviewOutcome of(JsonNode draftObject, List<String> fields, Map<String, Object> submittedValues,
      Object decision, Object reason) {
    ObjectNode draft = EventJson.mapper().createObjectNode();
    ObjectNode submitted = EventJson.mapper().createObjectNode();
    List<String> names = new ArrayList<>(fields);
    if (names.isEmpty() && draftObject != null && draftObject.isObject()) {
      draftObject.fieldNames().forEachRemaining(names::add);
    }
    for (String name : names) {
      JsonNode drafted = draftObject == null ? null : draftObject.get(name);
      if (drafted != null && submittedValues.containsKey(name)) {
        draft.set(name, normalized(drafted));
        submitted.set(name, normalized(EventJson.mapper().valueToTree(submittedValues.get(name))));
      }
    }
    ArrayNode patch = (ArrayNode) JsonDiff.asJson(draft, submitted, FIELD_LEVEL);
    Action decided = decisionOf(decision);
    Action action = decided == Action.APPROVE && !patch.isEmpty() ? Action.EDIT : decided;
    String reasonText = reason == null ? null : reason.toString().strip();
    return new ReviewOutcome(action, draft, submitted, patch, reasonText == null || reasonText.isEmpty() ? null
        : reasonText);
  }

  /** Whether the reviewer departed from the draft: changed it, rejected it or escalated it. */
  public boolean overrides() {
    return action != Action.APPROVE;
  }

  public boolean approves() {
    return action == Action.APPROVE || action == Action.EDIT;
  }

  public List<String> changedFields() {
    List<String> changed = new ArrayList<>();
    patch.forEach(operation -> changed.add(operation.path("path").asText().substring(1)));
    return changed;
  }

  private static Action decisionOf(Object decision) {
    if (decision instanceof Boolean approved) {
      return approved ? Action.APPROVE : Action.REJECT;
    }
    String text = decision == null ? "" : decision.toString().strip().toLowerCase(Locale.ROOT);
    return switch (text) {
      case "approve", "approved" -> Action.APPROVE;
      case "reject", "rejected" -> Action.REJECT;
      case "escalate", "escalated" -> Action.ESCALATE;
      default -> throw new IllegalArgumentException("the decision '" + (decision == null ? "" : decision)
          + "' is not one of approve, reject, escalate");
    };
  }

  /** Numbers as JSON has them, so that 60 drafted and 60 submitted as a Long compare equal. */
  private static JsonNode normalized(JsonNode value) {
    try {
      return EventJson.mapper().readTree(EventJson.canonical(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("canonical JSON is JSON", e);
    }
  }
}
