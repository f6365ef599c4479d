package org.auditrail.ai;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;

/** Names the kind of a failed model call or retrieval for {@code error.type}: rate limits and time-outs apart. */
final class ModelErrors {

  private ModelErrors() {}

  static String type(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof RateLimitException
          || cause instanceof HttpException http && http.statusCode() == 429) {
        return "rate_limited";
      }
      if (cause instanceof TimeoutException || cause instanceof HttpTimeoutException
          || cause instanceof SocketTimeoutException || cause instanceof java.util.concurrent.TimeoutException) {
        return "timeout";
      }
    }
    return error.getClass().getName();
  }

  static String describe(Throwable error) {
    String message = error.getMessage();
    return error.getClass().getName() + (message == null ? "" : ": " + message);
  }
}
