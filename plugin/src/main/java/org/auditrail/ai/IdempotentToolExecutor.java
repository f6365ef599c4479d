package org.auditrail.ai;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.service.tool.ToolExecutionResult;
import dev.langchain4j.service.tool.ToolExecutor;
import java.sql.SQLException;
import java.util.Optional;
import org.auditrail.AuditLogger;
import org.auditrail.store.ContentBlob;

/**
 * Runs a side-effecting tool at most once per idempotency key: a call whose key has a recorded result (a retried
 * job repeating a call that already happened) gets that result back, and the tool is not called again.
 */
final class IdempotentToolExecutor implements ToolExecutor {

  private final ToolDescriptor tool;
  private final ToolExecutor delegate;
  private final ToolLedger ledger;

  IdempotentToolExecutor(ToolDescriptor tool, ToolExecutor delegate, ToolLedger ledger) {
    this.tool = tool;
    this.delegate = delegate;
    this.ledger = ledger;
  }

  @Override
  public String execute(ToolExecutionRequest request, Object memoryId) {
    return executeWithContext(request, null).resultText();
  }

  @Override
  public ToolExecutionResult executeWithContext(ToolExecutionRequest request, InvocationContext context) {
    AiRun run = AiRun.of(context);
    if (run == null) {
      return delegate.executeWithContext(request, context);
    }
    String key = run.idempotencyKey(request);
    Optional<String> recorded = ledger.resultOf(key);
    if (recorded.isPresent()) {
      run.toolReplayed(request);
      return ToolExecutionResult.builder().resultText(recorded.get()).build();
    }
    ToolExecutionResult result = delegate.executeWithContext(request, context);
    if (!result.isError()) {
      try {
        ledger.keep(key, tool.name(), ContentBlob.utf8(result.resultText(), "text/plain; charset=utf-8"),
            run.toolCallEventOf(request));
      } catch (SQLException | RuntimeException e) {
        AuditLogger.toolResultNotKept(tool.name(), key, e);
      }
    }
    return result;
  }
}
