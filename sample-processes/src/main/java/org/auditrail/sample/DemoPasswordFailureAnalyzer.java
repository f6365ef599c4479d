package org.auditrail.sample;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says which property to set when the application refused a demo password. */
public class DemoPasswordFailureAnalyzer extends AbstractFailureAnalyzer<DemoPasswordException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, DemoPasswordException cause) {
    return new FailureAnalysis(cause.getMessage(), "Set " + cause.property() + " to a password of your own (in"
        + " docker-compose, through its variable in your shell or an .env file that is not committed).", cause);
  }
}
