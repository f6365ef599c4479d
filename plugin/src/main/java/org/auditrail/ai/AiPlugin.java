package org.auditrail.ai;

import java.util.ArrayList;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;

/** Registers the deploy-time check of AI tasks with the engine; usable without Spring. */
public class AiPlugin extends AbstractProcessEnginePlugin {

  private final AiTasks tasks;

  public AiPlugin(AiTasks tasks) {
    this.tasks = tasks;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPreBPMNParseListeners() == null) {
      configuration.setCustomPreBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPreBPMNParseListeners().add(new AiTaskParseListener(tasks));
  }
}
