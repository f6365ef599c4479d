package org.auditrail.web;

import java.util.Set;
import org.camunda.bpm.cockpit.plugin.spi.impl.AbstractCockpitPlugin;

/**
 * Registers Auditrail's Cockpit plugins (the Audit trail tab, the diagram badges, the evidence bundle download) with
 * Camunda's webapps, which find it through {@code META-INF/services} and load its
 * {@code plugin-webapp/auditrail/app/plugin.js}: any application with this jar and the webapp starter gets them,
 * with nothing to configure. Its one resource only serves that script, which reads the auditor's API.
 */
public class AuditTrailCockpitPlugin extends AbstractCockpitPlugin {

  public static final String ID = "auditrail";

  @Override
  public String getId() {
    return ID;
  }

  @Override
  public Set<Class<?>> getResourceClasses() {
    return Set.of(AuditTrailCockpitResource.class);
  }
}
