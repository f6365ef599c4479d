package org.auditrail.privacy;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A data subject's clear values and their tokens, matched in text in one pass with the longest value first at each
 * position: what free text is recorded with, and what erasure rewrites the engine's history with.
 */
final class KnownValues {

  /**
   * Values shorter than this are not replaced: one or two characters (an initial, an age, a "no") occur everywhere
   * in ordinary text, so replacing them would garble every message while identifying nobody.
   */
  static final int MINIMUM_LENGTH = 3;

  private final Map<String, String> tokens = new HashMap<>();
  private Pattern pattern;

  KnownValues(Map<String, String> tokensByValue) {
    tokensByValue.forEach(this::add);
  }

  synchronized void add(String value, String token) {
    if (value.length() >= MINIMUM_LENGTH && !token.equals(tokens.put(value, token))) {
      pattern = null;
    }
  }

  /** The values that are replaced. */
  synchronized Set<String> values() {
    return Set.copyOf(tokens.keySet());
  }

  synchronized String replaceIn(String text) {
    if (tokens.isEmpty()) {
      return text;
    }
    if (pattern == null) {
      // One alternation, longest first: "Ivan Petrov" wins over "Ivan", and a token put in is never searched again.
      pattern = Pattern.compile(tokens.keySet().stream()
          .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()))
          .map(Pattern::quote).collect(Collectors.joining("|")));
    }
    return pattern.matcher(text).replaceAll(match -> Matcher.quoteReplacement(tokens.get(match.group())));
  }
}
