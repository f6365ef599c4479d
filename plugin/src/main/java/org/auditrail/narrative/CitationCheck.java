package org.auditrail.narrative;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks one sentence of a model-written narrative against the case's events, as they are in the log. A sentence
 * holds only when it cites at least one event, every cited event is one of the case's, and every fact in its text
 * is a value of a cited event: each number, each date or time, each name of a model or prompt (and prompt version),
 * each decision value. Facts are found by their shape, so a sentence cannot slip a value past the check by wording;
 * what the check cannot recognise as a fact (plain words) it leaves to the reader, who sees the text marked as
 * AI-written with its citations.
 */
public final class CitationCheck {

  /**
   * One token of the text: an identifier, a number (with thousands separators), a date or time, or a word;
   * punctuation around it is not part of it.
   */
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9_.:/@%+,-]*[A-Za-z0-9%])?");
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(?:T\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?Z?)?");
  private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{2})(?::(\\d{2}))?");
  private static final Pattern NUMBER = Pattern.compile("(\\d{1,3}(?:,\\d{3})+|\\d+)(\\.\\d+)?%?");
  private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+");
  private static final Pattern WORD = Pattern.compile("[A-Za-z][A-Za-z-]*");

  /** Decision values the check knows even when the case holds none of them, so that an invented one is caught. */
  static final Set<String> DECISION_WORDS = Set.of("approve", "reject", "escalate", "edit", "low", "medium", "high",
      "true", "false", "accept", "decline", "deny", "grant");

  private static final Set<String> DECISION_EVENTS = Set.of("decision", "human_review", "gateway_decision",
      "decision_evaluated");

  private final Map<String, JsonNode> events = new LinkedHashMap<>();
  /** Names of models and prompts anywhere in the case, lower case: a word that is one of them is a fact. */
  private final Set<String> names = new HashSet<>();
  /** Decision values anywhere in the case and the known ones, lower case. */
  private final Set<String> decisionWords = new HashSet<>(DECISION_WORDS);

  /** @param caseEvents the case's events, as stored */
  public CitationCheck(List<JsonNode> caseEvents) {
    for (JsonNode event : caseEvents) {
      events.put(event.path("event_id").asText(), event);
      event.path("metadata").fields().forEachRemaining(field -> {
        if ((field.getKey().contains("model") || field.getKey().contains("prompt")) && field.getValue().isTextual()) {
          names.add(field.getValue().asText().toLowerCase(Locale.ROOT));
        }
      });
      JsonNode ai = event.path("snapshot").path("ai");
      for (String part : List.of("model", "prompt")) {
        ai.path(part).forEach(value -> {
          if (value.isTextual()) {
            names.add(value.asText().toLowerCase(Locale.ROOT));
          }
        });
      }
      if (DECISION_EVENTS.contains(event.path("event_type").asText())) {
        leaves(event.path("output"), leaf -> {
          if (leaf.isTextual() && WORD.matcher(leaf.asText()).matches() && leaf.asText().length() <= 40) {
            decisionWords.add(leaf.asText().toLowerCase(Locale.ROOT));
          }
        });
      }
    }
  }

  /** Whether the case holds an event of this id. */
  public boolean holds(String eventId) {
    return events.containsKey(eventId);
  }

  /** Empty when the sentence holds; otherwise the first reason it does not. */
  public Optional<Drop> check(Sentence sentence) {
    if (sentence.citations().isEmpty()) {
      return Optional.of(new Drop("no_citation", "the sentence cites no event"));
    }
    Values cited = new Values();
    for (String id : sentence.citations()) {
      JsonNode event = events.get(id);
      if (event == null) {
        return Optional.of(new Drop("unknown_citation", "cited event '" + id + "' is not an event of this case"));
      }
      leaves(event, cited::add);
    }
    Matcher tokens = TOKEN.matcher(sentence.text());
    while (tokens.find()) {
      Optional<Drop> drop = checkToken(tokens.group(), cited);
      if (drop.isPresent()) {
        return drop;
      }
    }
    return Optional.empty();
  }

  private Optional<Drop> checkToken(String token, Values cited) {
    if (DATE.matcher(token).matches()) {
      return cited.hasDate(token) ? Optional.empty()
          : Optional.of(new Drop("date_not_cited", "the date " + token + " is not a value of the cited events"));
    }
    Matcher time = TIME.matcher(token);
    if (time.matches()) {
      String normalized = String.format(Locale.ROOT, "T%02d:%s%s", Integer.parseInt(time.group(1)), time.group(2),
          time.group(3) == null ? "" : ":" + time.group(3));
      return cited.hasTime(normalized) ? Optional.empty()
          : Optional.of(new Drop("date_not_cited", "the time " + token + " is not a value of the cited events"));
    }
    if (VERSION.matcher(token).matches()) {
      return cited.hasText(token) ? Optional.empty()
          : Optional.of(new Drop("name_not_cited", "the version " + token + " is not a value of the cited events"));
    }
    if (token.contains(",") && !NUMBER.matcher(token).matches()) {
      // Words run together with a comma ("high,72") are two facts, each checked.
      for (String part : token.split(",")) {
        Matcher inner = TOKEN.matcher(part);
        while (inner.find()) {
          Optional<Drop> drop = checkToken(inner.group(), cited);
          if (drop.isPresent()) {
            return drop;
          }
        }
      }
      return Optional.empty();
    }
    Matcher number = NUMBER.matcher(token);
    if (number.matches()) {
      BigDecimal value = new BigDecimal(number.group(1).replace(",", "")
          + (number.group(2) == null ? "" : number.group(2)));
      return cited.hasNumber(value) ? Optional.empty()
          : Optional.of(new Drop("number_not_cited", "the number " + token + " is not a value of the cited events"));
    }
    if (token.contains("@")) {
      String[] parts = token.split("@", 2);
      return cited.hasText(token) || (cited.hasText(parts[0]) && cited.hasText(parts[1])) ? Optional.empty()
          : Optional.of(new Drop("name_not_cited", "the prompt " + token + " is not named by the cited events"));
    }
    boolean hasDigit = token.chars().anyMatch(Character::isDigit);
    String lower = token.toLowerCase(Locale.ROOT);
    if (hasDigit || names.contains(lower)) {
      return cited.hasText(token) ? Optional.empty()
          : Optional.of(new Drop("name_not_cited", "the name " + token + " is not a value of the cited events"));
    }
    String decision = decisionWord(lower);
    if (decision != null && !cited.hasDecision(lower, decision)) {
      return Optional.of(new Drop("decision_value_not_cited", "the decision value '" + token
          + "' is not a value of the cited events"));
    }
    return Optional.empty();
  }

  /** The decision value a word names, also in its past form ({@code approved}, {@code rejected}); else null. */
  private String decisionWord(String word) {
    if (decisionWords.contains(word)) {
      return word;
    }
    for (String suffix : List.of("d", "ed")) {
      String stem = stem(word, suffix);
      if (stem != null && decisionWords.contains(stem)) {
        return stem;
      }
    }
    return null;
  }

  private static String stem(String word, String suffix) {
    return word.endsWith(suffix) && word.length() > suffix.length() + 1
        ? word.substring(0, word.length() - suffix.length()) : null;
  }

  private static void leaves(JsonNode node, java.util.function.Consumer<JsonNode> sink) {
    if (node.isContainerNode()) {
      node.forEach(child -> leaves(child, sink));
    } else if (!node.isNull() && !node.isMissingNode()) {
      sink.accept(node);
    }
  }

  /** The scalar values of the cited events. */
  private static final class Values {

    private final Set<String> texts = new HashSet<>();
    private final Set<String> lowerTexts = new HashSet<>();
    private final Set<BigDecimal> numbers = new HashSet<>();

    void add(JsonNode leaf) {
      String text = leaf.asText();
      texts.add(text);
      lowerTexts.add(text.toLowerCase(Locale.ROOT));
      if (leaf.isNumber()) {
        numbers.add(leaf.decimalValue().stripTrailingZeros());
      } else if (leaf.isTextual() && text.matches("-?\\d+(\\.\\d+)?")) {
        // A number kept as text (a form field, a variable of type string) is still that number.
        numbers.add(new BigDecimal(text).stripTrailingZeros());
      }
    }

    boolean hasText(String text) {
      return texts.contains(text);
    }

    boolean hasNumber(BigDecimal number) {
      return numbers.contains(number.stripTrailingZeros());
    }

    /** A date or date-time is the start of a cited timestamp (or date) value. */
    boolean hasDate(String date) {
      String prefix = date.endsWith("Z") ? date.substring(0, date.length() - 1) : date;
      return texts.stream().anyMatch(text -> DATE.matcher(text.length() >= 10 ? text.substring(0, 10) : text)
          .matches() && text.startsWith(prefix));
    }

    /** A time of day is the time of a cited timestamp. */
    boolean hasTime(String time) {
      return texts.stream().anyMatch(text -> text.length() > 10 && DATE.matcher(text.substring(0, 10)).matches()
          && text.substring(10).startsWith(time));
    }

    boolean hasDecision(String word, String stem) {
      return lowerTexts.contains(word) || lowerTexts.contains(stem);
    }
  }
}
