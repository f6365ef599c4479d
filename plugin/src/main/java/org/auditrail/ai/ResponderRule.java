package org.auditrail.ai;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.util.Optional;

/**
 * One rule of the offline {@link RuleBasedChatModel}: answers the requests it recognises, deterministically, and
 * leaves the others to the next rule.
 */
@FunctionalInterface
public interface ResponderRule {

  Optional<AiMessage> respond(ChatRequest request);
}
