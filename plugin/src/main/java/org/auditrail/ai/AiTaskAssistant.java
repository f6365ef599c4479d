package org.auditrail.ai;

import dev.langchain4j.invocation.InvocationParameters;
import dev.langchain4j.service.Result;
import dev.langchain4j.service.UserMessage;

/** The AI service an AI task talks to; the invocation parameters carry the {@link AiRun} to the listeners. */
interface AiTaskAssistant {

  Result<String> run(@UserMessage String prompt, InvocationParameters parameters);
}
