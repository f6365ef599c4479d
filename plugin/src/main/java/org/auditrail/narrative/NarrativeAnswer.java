package org.auditrail.narrative;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A narrative as the model proposed it, parsed strictly: the model's answer is hostile input. It must be exactly one
 * JSON object {@code {"sentences": [{"text": ..., "citations": [...]}], "risk_tags": [...]}} (optionally in one
 * Markdown code fence), with no other field, no duplicate key, and within the bounds; anything else refuses the
 * whole answer, with a message that says what was wrong (and never quotes more than a short piece of it).
 */
public record NarrativeAnswer(List<Sentence> sentences, List<String> riskTags) {

  static final int MAX_ANSWER_CHARS = 64 * 1024;
  static final int MAX_SENTENCES = 40;
  static final int MAX_SENTENCE_CHARS = 600;
  static final int MAX_CITATIONS = 12;
  static final int MAX_RISK_TAGS = 10;
  static final int MAX_TOKEN_CHARS = 80;

  /** What an event id or a risk tag may look like; it bounds what a refusal message can quote. */
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0," + (MAX_TOKEN_CHARS - 1) + "}");
  private static final Pattern FENCE = Pattern.compile("(?s)```(?:json)?\\s*\\n(.*)\\n\\s*```");
  private static final Set<String> FIELDS = Set.of("sentences", "risk_tags");
  private static final Set<String> SENTENCE_FIELDS = Set.of("text", "citations");

  private static final ObjectMapper STRICT = JsonMapper.builder(JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(8)
              .maxStringLength(MAX_ANSWER_CHARS).build())
          .build())
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  /** Whether a model could name this risk tag in an answer this parser takes. */
  static boolean isTag(String tag) {
    return tag != null && TOKEN.matcher(tag).matches();
  }

  public NarrativeAnswer {
    sentences = List.copyOf(sentences);
    riskTags = List.copyOf(riskTags);
  }

  /** @throws NarrativeAnswerException when the answer is not exactly the narrative asked for */
  public static NarrativeAnswer parse(String answer) {
    if (answer == null || answer.isBlank()) {
      throw new NarrativeAnswerException("the answer is empty");
    }
    if (answer.length() > MAX_ANSWER_CHARS) {
      throw new NarrativeAnswerException("the answer has " + answer.length() + " characters, more than the "
          + MAX_ANSWER_CHARS + " allowed");
    }
    String json = answer.strip();
    var fenced = FENCE.matcher(json);
    if (fenced.matches()) {
      json = fenced.group(1);
    }
    JsonNode root;
    try {
      root = STRICT.readTree(json);
    } catch (JsonProcessingException e) {
      throw new NarrativeAnswerException("the answer is not one JSON object: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new NarrativeAnswerException("the answer is not a JSON object");
    }
    onlyFields(root, FIELDS, "the answer");
    JsonNode sentences = root.get("sentences");
    if (sentences == null || !sentences.isArray()) {
      throw new NarrativeAnswerException("'sentences' must be an array");
    }
    if (sentences.size() > MAX_SENTENCES) {
      throw new NarrativeAnswerException("'sentences' has " + sentences.size() + " entries, more than the "
          + MAX_SENTENCES + " allowed");
    }
    List<Sentence> parsed = new ArrayList<>();
    for (int i = 0; i < sentences.size(); i++) {
      parsed.add(sentence(sentences.get(i), "sentences[" + i + "]"));
    }
    JsonNode tags = root.get("risk_tags");
    List<String> riskTags = tags == null ? List.of() : tokens(tags, "risk_tags", MAX_RISK_TAGS);
    return new NarrativeAnswer(parsed, riskTags);
  }

  private static Sentence sentence(JsonNode node, String at) {
    if (!node.isObject()) {
      throw new NarrativeAnswerException("'" + at + "' must be an object");
    }
    onlyFields(node, SENTENCE_FIELDS, "'" + at + "'");
    JsonNode text = node.get("text");
    if (text == null || !text.isTextual() || text.asText().isBlank()) {
      throw new NarrativeAnswerException("'" + at + ".text' must be a non-empty string");
    }
    if (text.asText().length() > MAX_SENTENCE_CHARS) {
      throw new NarrativeAnswerException("'" + at + ".text' has " + text.asText().length()
          + " characters, more than the " + MAX_SENTENCE_CHARS + " allowed");
    }
    JsonNode citations = node.get("citations");
    List<String> ids = citations == null ? List.of() : tokens(citations, at + ".citations", MAX_CITATIONS);
    return new Sentence(text.asText().strip(), ids);
  }

  private static List<String> tokens(JsonNode array, String at, int max) {
    if (!array.isArray()) {
      throw new NarrativeAnswerException("'" + at + "' must be an array of strings");
    }
    if (array.size() > max) {
      throw new NarrativeAnswerException("'" + at + "' has " + array.size() + " entries, more than the " + max
          + " allowed");
    }
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      JsonNode entry = array.get(i);
      if (!entry.isTextual() || !TOKEN.matcher(entry.asText()).matches()) {
        throw new NarrativeAnswerException("'" + at + "[" + i + "]' must be a string of at most " + MAX_TOKEN_CHARS
            + " letters, digits, '.', '_', ':' or '-'");
      }
      tokens.add(entry.asText());
    }
    return tokens;
  }

  private static void onlyFields(JsonNode node, Set<String> allowed, String what) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw new NarrativeAnswerException(what + " has the field '" + (name.length() > MAX_TOKEN_CHARS
            ? name.substring(0, MAX_TOKEN_CHARS) + "..." : name) + "', which is not one of " + allowed.stream()
            .sorted().toList());
      }
    }
  }
}
