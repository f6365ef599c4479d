package org.auditrail.sample;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the rendered prompt of a chat request the way the offline rules need it: by its labelled lines. */
final class PromptFields {

  private final String text;

  private PromptFields(String text) {
    this.text = text;
  }

  /** The request's first user message, if it begins with the given prompt opening. */
  static PromptFields of(ChatRequest request, String opening) {
    for (ChatMessage message : request.messages()) {
      if (message instanceof UserMessage user && user.hasSingleText()) {
        return user.singleText().startsWith(opening) ? new PromptFields(user.singleText()) : null;
      }
    }
    return null;
  }

  /** The value after {@code label: } on its own line. */
  String field(String label) {
    Matcher matcher = Pattern.compile("^" + Pattern.quote(label) + ": (.*)$", Pattern.MULTILINE).matcher(text);
    return matcher.find() ? matcher.group(1).trim() : "";
  }

  /** What the retrieval augmentor appended to the prompt; empty when nothing was retrieved. */
  String retrieved() {
    int start = text.indexOf("Answer using the following information:");
    return start < 0 ? "" : text.substring(start + "Answer using the following information:".length()).trim();
  }
}
