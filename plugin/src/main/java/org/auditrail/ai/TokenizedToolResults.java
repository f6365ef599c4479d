package org.auditrail.ai;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.service.tool.ToolExecutionResult;
import dev.langchain4j.service.tool.ToolExecutor;

/**
 * A tool's result (or error) as the model may be sent it and the trail may keep it: the case's known personal
 * values replaced by their tokens, as in the prompt. A tool that looks the person up returns their name; the model,
 * the content store and the idempotency ledger get the name's token.
 */
final class TokenizedToolResults implements ToolExecutor {

  private final ToolExecutor delegate;

  TokenizedToolResults(ToolExecutor delegate) {
    this.delegate = delegate;
  }

  @Override
  public String execute(ToolExecutionRequest request, Object memoryId) {
    return executeWithContext(request, null).resultText();
  }

  @Override
  public ToolExecutionResult executeWithContext(ToolExecutionRequest request, InvocationContext context) {
    ToolExecutionResult result = delegate.executeWithContext(request, context);
    AiRun run = AiRun.of(context);
    String text = result.resultText();
    String tokenized = run == null || text == null ? text : run.freeText().text(text);
    if (tokenized == null || tokenized.equals(text)) {
      return result;
    }
    return ToolExecutionResult.builder().isError(result.isError()).resultText(tokenized)
        .attributes(result.attributes()).build();
  }
}
