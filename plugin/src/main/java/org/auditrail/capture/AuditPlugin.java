package org.auditrail.capture;

import java.util.ArrayList;
import java.util.function.Supplier;
import org.auditrail.store.AuditStore;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;

/**
 * The process-engine plugin: registers the capture components with the engine and migrates the audit tables.
 * Usable without Spring: add it to a {@code ProcessEngineConfigurationImpl}'s plugins.
 */
public class AuditPlugin extends AbstractProcessEnginePlugin {

  private final AuditRecorder recorder;
  private Supplier<AuditStore> store;

  public AuditPlugin() {
    this(CaptureSettings.defaults());
  }

  public AuditPlugin(CaptureSettings settings) {
    this.recorder = new AuditRecorder(settings);
  }

  /**
   * Replaces personal values with tokens before they are written to an event; asked when first needed, so the
   * source may be created after the engine.
   */
  public AuditPlugin usePersonalData(Supplier<PersonalData> personalData) {
    recorder.usePersonalData(personalData);
    return this;
  }

  /**
   * The audit tables, opened once for all of the plugin's parts (with Spring, the {@code AuditStore} bean); without
   * it, they are opened, and migrated, on the engine's data source.
   */
  public AuditPlugin useStore(Supplier<AuditStore> source) {
    this.store = source;
    return this;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    registerBuffer(configuration);
    registerHistoryRecorder(configuration);
    registerParseListener(configuration);
    registerDeploymentRecorder(configuration);
    registerExternalTaskRecorder(configuration);
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    // Checked after every plugin's preInit, since configurators such as Spring Boot's set the level there.
    requireFullHistory(configuration);
    AuditStore opened = store != null ? store.get() : AuditStore.open(configuration.getDataSource());
    recorder.useEvents(opened.events());
  }

  private static void requireFullHistory(ProcessEngineConfigurationImpl configuration) {
    String history = configuration.getHistory();
    HistoryLevel level = configuration.getHistoryLevel();
    boolean full = level == null
        ? ProcessEngineConfigurationImpl.HISTORY_AUTO.equalsIgnoreCase(history)
        : level.getId() == HistoryLevel.HISTORY_LEVEL_FULL.getId();
    if (!full) {
      throw new AuditConfigurationException("AUDIT-020 the audit trail needs the engine's history level 'full'"
          + " (incidents, job failures and user operations are only produced at that level), but it is '" + history
          + "'. Set camunda.bpm.history-level=full, or the engine configuration's history property to 'full'.");
    }
  }

  private void registerBuffer(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomSessionFactories() == null) {
      configuration.setCustomSessionFactories(new ArrayList<>());
    }
    configuration.getCustomSessionFactories().add(new CommandAuditBufferFactory(recorder));
  }

  private void registerHistoryRecorder(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomHistoryEventHandlers() == null) {
      configuration.setCustomHistoryEventHandlers(new ArrayList<>());
    }
    configuration.getCustomHistoryEventHandlers().add(new HistoryEventRecorder(recorder));
  }

  private void registerParseListener(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(new AuditParseListener(recorder));
  }

  private void registerDeploymentRecorder(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostDeployers() == null) {
      configuration.setCustomPostDeployers(new ArrayList<>());
    }
    configuration.getCustomPostDeployers().add(new DeploymentRecorder(recorder));
  }

  /** After the engine's own interceptors, so that the command context (and this command's buffer) exists. */
  private void registerExternalTaskRecorder(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostCommandInterceptorsTxRequired() == null) {
      configuration.setCustomPostCommandInterceptorsTxRequired(new ArrayList<>());
    }
    configuration.getCustomPostCommandInterceptorsTxRequired().add(new ExternalTaskRecorder(recorder));
  }
}
