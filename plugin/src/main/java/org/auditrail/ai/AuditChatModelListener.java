package org.auditrail.ai;

import dev.langchain4j.model.chat.listener.ChatModelErrorContext;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;

/**
 * Records calls made directly on a chat model the inventory built, when the caller passes the {@link AiRun} as a
 * {@code ChatRequestOptions} listener attribute. It sees the request as the model sends it, with the model's
 * default parameters merged in. Calls without the attribute (those of AI services, which the AI-service listeners
 * record) are left alone, so no call is recorded twice.
 */
final class AuditChatModelListener implements ChatModelListener {

  @Override
  public void onRequest(ChatModelRequestContext request) {
    if (request.attributes().get(AiRun.KEY) instanceof AiRun run) {
      run.modelRequested(request.chatRequest());
    }
  }

  @Override
  public void onResponse(ChatModelResponseContext response) {
    if (response.attributes().get(AiRun.KEY) instanceof AiRun run) {
      run.modelResponded(response.chatRequest(), response.chatResponse());
    }
  }

  @Override
  public void onError(ChatModelErrorContext failure) {
    if (failure.attributes().get(AiRun.KEY) instanceof AiRun run) {
      run.modelFailed(failure.error());
    }
  }
}
