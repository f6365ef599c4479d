package org.auditrail.review;

import java.util.ArrayList;
import org.auditrail.capture.DetachedEventLog;
import org.auditrail.store.EventStore;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;

/**
 * Human review of AI drafts: the review rules on every user task marked as a review, and a record of every task
 * form that is opened. Usable without Spring: add it to the engine's plugins beside the {@code AuditPlugin} and the
 * {@code AiPlugin}.
 */
public class ReviewPlugin extends AbstractProcessEnginePlugin {

  private final DetachedEventLog refusals;
  private final EventStore events;

  /**
   * @param refusals where refused reviews are committed, apart from the completion that fails
   * @param events where the evidence of a review is read: the AI's decision and the reviewer's task views
   */
  public ReviewPlugin(DetachedEventLog refusals, EventStore events) {
    this.refusals = refusals;
    this.events = events;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(new ReviewParseListener(new ReviewCompletion(refusals, new ReviewEvidence(events))));
    if (configuration.getCustomPostCommandInterceptorsTxRequired() == null) {
      configuration.setCustomPostCommandInterceptorsTxRequired(new ArrayList<>());
    }
    configuration.getCustomPostCommandInterceptorsTxRequired().add(new TaskFormOpenings());
    // Outside the transaction, so the completion has rolled back before the refusal reaches the caller.
    if (configuration.getCustomPreCommandInterceptorsTxRequired() == null) {
      configuration.setCustomPreCommandInterceptorsTxRequired(new ArrayList<>());
    }
    configuration.getCustomPreCommandInterceptorsTxRequired().add(new ReviewRefusals());
  }
}
