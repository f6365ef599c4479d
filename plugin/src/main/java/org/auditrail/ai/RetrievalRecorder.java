package org.auditrail.ai;

import dev.langchain4j.rag.content.retriever.listener.ContentRetrieverErrorContext;
import dev.langchain4j.rag.content.retriever.listener.ContentRetrieverListener;
import dev.langchain4j.rag.content.retriever.listener.ContentRetrieverRequestContext;
import dev.langchain4j.rag.content.retriever.listener.ContentRetrieverResponseContext;
import dev.langchain4j.rag.query.Query;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Records each retrieval of an AI task through LangChain4j's {@link ContentRetrieverListener}: the query, the
 * index snapshot, and the hash and score of every segment returned.
 */
final class RetrievalRecorder {

  private static final String STARTED = "auditrail.retrieval-started";

  ContentRetrieverListener listenerFor(RetrievalIndex index) {
    return new ContentRetrieverListener() {
      @Override
      public void onRequest(ContentRetrieverRequestContext request) {
        request.attributes().put(STARTED, System.nanoTime());
      }

      @Override
      public void onResponse(ContentRetrieverResponseContext response) {
        AiRun run = runOf(response.query());
        if (run != null) {
          run.retrieved(index, response.query().text(), response.contents(), elapsedMs(response.attributes()), null);
        }
      }

      @Override
      public void onError(ContentRetrieverErrorContext failure) {
        AiRun run = runOf(failure.query());
        if (run != null) {
          run.retrieved(index, failure.query().text(), null, elapsedMs(failure.attributes()), failure.error());
        }
      }
    };
  }

  private static AiRun runOf(Query query) {
    return query == null || query.metadata() == null ? null : AiRun.of(query.metadata().invocationContext());
  }

  private static long elapsedMs(Map<Object, Object> attributes) {
    Object started = attributes.get(STARTED);
    return started instanceof Long nanos ? TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos) : -1;
  }
}
