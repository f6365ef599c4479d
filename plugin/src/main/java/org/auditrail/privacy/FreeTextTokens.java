package org.auditrail.privacy;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Function;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;

/**
 * Replaces the known personal values of a case in free text by their tokens. The known values are those the vault
 * holds for the case's data subject(s); they are decrypted once per engine command and case, and kept only for that
 * command. A value the vault has never seen cannot be recognized, and matching is exact (case and spelling).
 */
final class FreeTextTokens {

  /** The known values of a case: value to token. */
  private final Function<String, Map<String, String>> knownValues;
  /** Per running command (weakly held: it ends with the command), per process instance. */
  private final Map<CommandContext, Map<String, KnownValues>> byCommand =
      Collections.synchronizedMap(new WeakHashMap<>());

  /** @param knownValues the values the vault holds for a process instance's subject(s), each with its token */
  FreeTextTokens(Function<String, Map<String, String>> knownValues) {
    this.knownValues = knownValues;
  }

  String redact(String processInstanceId, String text) {
    if (text == null || text.length() < KnownValues.MINIMUM_LENGTH) {
      return text;
    }
    return known(processInstanceId).replaceIn(text);
  }

  /** A value tokenized during the command joins the case's known values, if they were read already. */
  void remember(String processInstanceId, String value, String token) {
    CommandContext command = Context.getCommandContext();
    Map<String, KnownValues> cases = command == null ? null : byCommand.get(command);
    KnownValues known = cases == null ? null : cases.get(processInstanceId);
    if (known != null) {
      known.add(value, token);
    }
  }

  private KnownValues known(String processInstanceId) {
    CommandContext command = Context.getCommandContext();
    if (command == null) {
      return new KnownValues(knownValues.apply(processInstanceId));
    }
    Map<String, KnownValues> cases = byCommand.computeIfAbsent(command, any -> new HashMap<>());
    synchronized (cases) {
      return cases.computeIfAbsent(processInstanceId, id -> new KnownValues(knownValues.apply(id)));
    }
  }
}
