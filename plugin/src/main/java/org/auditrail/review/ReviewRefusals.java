package org.auditrail.review;

import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;

/**
 * Lets a refused review reach the caller as itself: the engine wraps exceptions from task listeners in a generic
 * "exception while invoking the TaskListener" message, which Tasklist would show instead of the rule's own words.
 */
final class ReviewRefusals extends CommandInterceptor {

  @Override
  public <T> T execute(Command<T> command) {
    try {
      return next.execute(command);
    } catch (RuntimeException e) {
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof ReviewRefusedException refused) {
          throw refused;
        }
      }
      throw e;
    }
  }
}
